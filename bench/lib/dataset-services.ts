import type pg from "pg";
import type { TLog } from "./dataset-db";

// The service catalog grown to a production-sized map (50 services with dependencies) and 30 days
// of probe results for every one of them at one per minute: mostly ok, with degraded and down
// stretches. Each service's current state is set from its last result, as the probe runner does.
//
// Every endpoint is a placeholder on 127.0.0.1 (nothing listens there during seeding): a bench
// that leaves MONITOR_JOBS on will see the probes turn them red within a minute.

type TExtra = { id: string; name: string; kind: "http" | "postgres" | "redis" | "tcp"; owner: string; dependsOn: string[]; impact: string; critical?: boolean };

const EXTRA: TExtra[] = [
  { id: "auth", name: "Auth service", kind: "http", owner: "backend", dependsOn: ["postgres", "redis"], impact: "Nobody can sign in", critical: true },
  { id: "session-store", name: "Session store", kind: "redis", owner: "platform", dependsOn: [], impact: "Everyone is signed out" },
  { id: "matching", name: "Order matching", kind: "http", owner: "backend", dependsOn: ["api", "postgres", "redis"], impact: "New orders are not matched", critical: true },
  { id: "kyc", name: "KYC provider", kind: "http", owner: "compliance", dependsOn: [], impact: "New users cannot be verified" },
  { id: "kyc-worker", name: "KYC worker", kind: "http", owner: "compliance", dependsOn: ["kyc", "postgres", "queue"], impact: "Verifications pile up" },
  { id: "queue", name: "Message queue", kind: "tcp", owner: "platform", dependsOn: [], impact: "Background jobs stop", critical: true },
  { id: "notifications", name: "Notifications", kind: "http", owner: "backend", dependsOn: ["queue", "email", "sms", "push"], impact: "Users are not told about their orders" },
  { id: "email", name: "Email relay", kind: "tcp", owner: "platform", dependsOn: [], impact: "No emails" },
  { id: "sms", name: "SMS gateway", kind: "http", owner: "backend", dependsOn: [], impact: "No SMS codes" },
  { id: "push", name: "Push notifications", kind: "http", owner: "mobile", dependsOn: [], impact: "No push messages" },
  { id: "ws-gateway", name: "WebSocket gateway", kind: "http", owner: "backend", dependsOn: ["redis", "nginx"], impact: "Live updates stop" },
  { id: "mobile-api", name: "Mobile API gateway", kind: "http", owner: "mobile", dependsOn: ["api", "auth"], impact: "The apps cannot reach the API", critical: true },
  { id: "admin-api", name: "Admin API", kind: "http", owner: "backend", dependsOn: ["postgres", "auth"], impact: "Back-office tools fail" },
  { id: "webhooks", name: "Webhook dispatcher", kind: "http", owner: "backend", dependsOn: ["queue", "postgres"], impact: "Partners miss events" },
  { id: "price-oracle", name: "Price oracle", kind: "http", owner: "backend", dependsOn: [], impact: "Prices go stale" },
  { id: "fraud", name: "Fraud scoring", kind: "http", owner: "risk", dependsOn: ["postgres-replica", "analytics"], impact: "Orders are not scored (manual review)" },
  { id: "indexer", name: "Chain indexer", kind: "http", owner: "backend", dependsOn: ["rpc-primary", "postgres"], impact: "History pages go stale" },
  { id: "xrpl-watcher", name: "XRPL watcher", kind: "http", owner: "backend", dependsOn: ["xrpl-node", "queue"], impact: "XRP deposits are not credited" },
  { id: "fee-collector", name: "Fee collector", kind: "http", owner: "treasury", dependsOn: ["rpc-primary", "signer"], impact: "Fees stay in the escrow" },
  { id: "signer", name: "Transaction signer", kind: "http", owner: "treasury", dependsOn: ["hsm"], impact: "Nothing can be signed", critical: true },
  { id: "hsm", name: "HSM", kind: "tcp", owner: "security", dependsOn: [], impact: "Keys unavailable", critical: true },
  { id: "vault", name: "Secrets vault", kind: "http", owner: "security", dependsOn: ["postgres"], impact: "Deploys and rotations fail" },
  { id: "postgres-replica", name: "PostgreSQL replica", kind: "postgres", owner: "platform", dependsOn: ["postgres"], impact: "Reports and reads fall back to the primary" },
  { id: "pgbouncer", name: "PgBouncer", kind: "tcp", owner: "platform", dependsOn: ["postgres"], impact: "Connection storms reach the database" },
  { id: "analytics", name: "Analytics database", kind: "http", owner: "data", dependsOn: ["queue"], impact: "Dashboards go stale" },
  { id: "search", name: "Search cluster", kind: "http", owner: "platform", dependsOn: [], impact: "Search in the back office fails" },
  { id: "object-storage", name: "Object storage", kind: "http", owner: "platform", dependsOn: [], impact: "Uploads and exports fail" },
  { id: "backup-storage", name: "Backup storage", kind: "http", owner: "platform", dependsOn: [], impact: "Backups fail" },
  { id: "logs", name: "Log pipeline", kind: "http", owner: "platform", dependsOn: ["object-storage"], impact: "Logs are lost" },
  { id: "prometheus", name: "Prometheus", kind: "http", owner: "platform", dependsOn: [], impact: "No metrics, no alerts" },
  { id: "alertmanager", name: "Alertmanager", kind: "http", owner: "platform", dependsOn: ["prometheus"], impact: "Alerts are not routed" },
  { id: "grafana", name: "Grafana", kind: "http", owner: "platform", dependsOn: ["prometheus", "logs"], impact: "Dashboards fail" },
  { id: "dns", name: "DNS", kind: "tcp", owner: "platform", dependsOn: [], impact: "Everything is unreachable", critical: true },
  { id: "status-page", name: "Status page", kind: "http", owner: "support", dependsOn: [], impact: "Users cannot see incidents" },
  { id: "reports", name: "Report generator", kind: "http", owner: "data", dependsOn: ["postgres-replica", "object-storage"], impact: "Monthly reports are late" },
  { id: "support-desk", name: "Support desk", kind: "http", owner: "support", dependsOn: ["auth"], impact: "Tickets cannot be answered" },
];

/** Services brought to a degraded or down state at the end of the window (the overview lists them). */
const NOT_OK_NOW: Record<string, "degraded" | "error"> = { "price-oracle": "degraded", "kyc": "degraded", "sms": "error" };

export type TServicesGenerated = { services: number; probes: number };

export async function generateServices(pool: pg.PoolClient, opts: { now: Date; days: number; log: TLog }): Promise<TServicesGenerated> {
  const { now } = opts;
  for (const s of EXTRA) {
    const endpoint = s.kind === "http" ? `http://127.0.0.1:18080/${s.id}/health` : s.kind === "postgres" ? "postgresql://127.0.0.1:15432/replica" : s.kind === "redis" ? "redis://127.0.0.1:16379" : `127.0.0.1:1${String(s.id.length).padStart(4, "0")}`;
    await pool.query(
      `INSERT INTO "Service" (id, name, kind, endpoint, owner, description, "failureImpact", "dependsOn", "isCritical", "isDegradedPath", "intervalSeconds", runbooks, "rtoMinutes", "updatedAt")
       VALUES ($1, $2, $3::"ServiceKind", $4, $5, $6, $7, $8, $9, $10, 60, '{}', 15, now()) ON CONFLICT (id) DO NOTHING`,
      [s.id, s.name, s.kind, endpoint, s.owner, `${s.name} (bench)`, s.impact, s.dependsOn, !!s.critical, !s.critical],
    );
  }
  // Catalog services the demo leaves unprobed get a placeholder too: in production every one is checked.
  await pool.query(`UPDATE "Service" SET endpoint = 'http://127.0.0.1:18080/' || id || '/health', "intervalSeconds" = 60 WHERE endpoint IS NULL`);

  // Per service and 6-hour block, a hash decides whether an episode happens (3 % degraded, 1 %
  // down), where it starts and how long it lasts (10–60 min); 0.2 % of other checks blip.
  const from = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - opts.days * 86_400_000);
  await pool.query("SELECT setseed(0.3333)");
  const inserted = await pool.query(
    `INSERT INTO "ProbeResult" ("serviceId", at, status, "latencyMs", error)
     SELECT id, at, status::"HealthStatus",
            CASE WHEN status = 'error' THEN CASE WHEN r < 0.5 THEN NULL ELSE "timeoutMs" END
                 ELSE round(base * (0.7 + r * 0.6) * CASE WHEN status = 'degraded' THEN 4 + r * 4 ELSE 1 END)::int END,
            CASE WHEN status = 'error' THEN CASE WHEN r < 0.5 THEN 'connect ECONNREFUSED 10.0.' || (length(id) % 9) || '.' || (length(name) * 7 % 250) || ':443' ELSE 'timed out after ' || "timeoutMs" || ' ms' END END
     FROM (
       SELECT s.id, s.name, s."timeoutMs", t.at, random() AS r, 15 + abs(hashtext(s.id)) % 180 AS base,
              CASE
                WHEN ($3::jsonb ->> s.id) IS NOT NULL AND t.at > $2::timestamptz - interval '20 minutes' THEN $3::jsonb ->> s.id
                WHEN (t.m % 360) BETWEEN h % 300 AND h % 300 + 10 + (h / 300) % 50 AND (h / 15000) % 100 < 4 THEN CASE WHEN (h / 15000) % 100 < 3 THEN 'degraded' ELSE 'error' END
                WHEN random() < 0.002 THEN 'error'
                ELSE 'ok' END AS status
       FROM (SELECT at, (extract(epoch FROM at) / 60)::bigint AS m FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 minute', interval '1 minute') at) t
       CROSS JOIN "Service" s
       CROSS JOIN LATERAL (SELECT abs(hashtext(s.id || ':' || (t.m / 360)))::bigint AS h) hh
       ORDER BY t.at, s.id
     ) x`,
    [from.toISOString(), now.toISOString(), JSON.stringify(NOT_OK_NOW)],
  );
  opts.log(`services: ${inserted.rowCount?.toLocaleString("en-US")} probe results`);

  // The current state, as the runner leaves it: the last result, and since when the status holds.
  await pool.query(
    `UPDATE "Service" s SET status = l.status, "lastCheckedAt" = l.at, "lastLatencyMs" = l."latencyMs", "lastError" = l.error,
            "statusSince" = coalesce((SELECT max(p.at) FROM "ProbeResult" p WHERE p."serviceId" = s.id AND p.at > l.at - interval '2 days' AND p.status <> l.status), l.at - interval '2 days'),
            "nextCheckAt" = l.at + interval '1 minute', "pendingStatus" = NULL, "pendingCount" = 0
     FROM (SELECT DISTINCT ON ("serviceId") "serviceId", at, status, "latencyMs", error FROM "ProbeResult" ORDER BY "serviceId", at DESC) l
     WHERE l."serviceId" = s.id`,
  );
  const { rows } = await pool.query<{ services: string; probes: string }>(`SELECT (SELECT count(*) FROM "Service") AS services, (SELECT count(*) FROM "ProbeResult") AS probes`);
  return { services: Number(rows[0]!.services), probes: Number(rows[0]!.probes) };
}
