import "server-only";
import { db } from "@/lib/db/client";
import { endpointLabel } from "@/lib/services/endpoint";
import { blastRadius, type THealth } from "@/lib/services/graph";

// Reads behind /services and /services/[id]. Endpoints leave here as labels only (scheme and host):
// an endpoint may be an internal URL, and credentials are never stored in it anyway.

export type TServiceRow = {
  id: string;
  name: string;
  kind: string;
  endpointLabel: string;
  isProbed: boolean;
  owner: string;
  description: string;
  failureImpact: string;
  dependsOn: string[];
  isCritical: boolean;
  isDegradedPath: boolean;
  runbooks: string[];
  status: THealth;
  statusSince: Date;
  lastCheckedAt: Date | null;
  lastLatencyMs: number | null;
  lastError: string | null;
};

export async function listServices(): Promise<TServiceRow[]> {
  const rows = await db.service.findMany({ orderBy: { name: "asc" } });
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    endpointLabel: endpointLabel(s.endpoint),
    isProbed: s.endpoint !== null,
    owner: s.owner,
    description: s.description,
    failureImpact: s.failureImpact,
    dependsOn: s.dependsOn,
    isCritical: s.isCritical,
    isDegradedPath: s.isDegradedPath,
    runbooks: s.runbooks,
    status: s.status,
    statusSince: s.statusSince,
    lastCheckedAt: s.lastCheckedAt,
    lastLatencyMs: s.lastLatencyMs,
    lastError: s.lastError,
  }));
}

export type TUptime = { window: "24 h" | "7 d" | "30 d"; pct: number | null; checks: number };
export type TLatencyPoint = { at: string; avgMs: number | null; maxMs: number | null; failures: number };

export type TServiceDetail = TServiceRow & {
  /** For the edit form: the endpoint as configured (env:NAME references, no credentials by rule). */
  endpoint: string | null;
  intervalSeconds: number;
  timeoutMs: number;
  rtoMinutes: number | null;
  rpoMinutes: number | null;
  lastDetail: Record<string, unknown> | null;
  uptime: TUptime[];
  latency: TLatencyPoint[];
  failures: { at: Date; status: string; error: string | null; latencyMs: number | null }[];
  dependents: { id: string; name: string; status: THealth }[];
  dependencies: { id: string; name: string; status: THealth }[];
};

const WINDOWS = [
  { window: "24 h", hours: 24 },
  { window: "7 d", hours: 24 * 7 },
  { window: "30 d", hours: 24 * 30 },
] as const;

export async function getServiceDetail(id: string, now = new Date()): Promise<TServiceDetail | null> {
  const service = await db.service.findUnique({ where: { id } });
  if (!service) return null;
  const all = await listServices();
  const row = all.find((s) => s.id === id)!;

  // Uptime: the share of checks that answered (ok or degraded) in each window.
  const uptime = await Promise.all(
    WINDOWS.map(async ({ window, hours }) => {
      const [r] = await db.$queryRaw<{ total: bigint; up: bigint }[]>`
        SELECT count(*) AS total, count(*) FILTER (WHERE status IN ('ok','degraded')) AS up
        FROM "ProbeResult" WHERE "serviceId" = ${id} AND at > ${new Date(now.getTime() - hours * 3_600_000)}`;
      const total = Number(r?.total ?? 0);
      return { window, checks: total, pct: total ? (Number(r!.up) / total) * 100 : null };
    }),
  );

  // Latency over 24 h in 30-minute buckets (48 points), with the failures in each.
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const buckets = await db.$queryRaw<{ bucket: Date; avg: number | null; max: number | null; failures: bigint }[]>`
    SELECT to_timestamp(floor(extract(epoch FROM at) / 1800) * 1800) AS bucket,
           avg("latencyMs")::float AS avg, max("latencyMs")::float AS max,
           count(*) FILTER (WHERE status = 'error') AS failures
    FROM "ProbeResult" WHERE "serviceId" = ${id} AND at > ${since}
    GROUP BY 1 ORDER BY 1`;
  const latency = buckets.map((b) => ({ at: b.bucket.toISOString(), avgMs: b.avg === null ? null : Math.round(b.avg), maxMs: b.max === null ? null : Math.round(b.max), failures: Number(b.failures) }));

  const failures = await db.probeResult.findMany({
    where: { serviceId: id, status: "error" },
    orderBy: { at: "desc" },
    take: 10,
    select: { at: true, status: true, error: true, latencyMs: true },
  });
  const byId = new Map(all.map((s) => [s.id, s]));
  const pick = (ids: string[]) => ids.flatMap((d) => (byId.has(d) ? [{ id: d, name: byId.get(d)!.name, status: byId.get(d)!.status }] : []));
  return {
    ...row,
    endpoint: service.endpoint,
    intervalSeconds: service.intervalSeconds,
    timeoutMs: service.timeoutMs,
    rtoMinutes: service.rtoMinutes,
    rpoMinutes: service.rpoMinutes,
    lastDetail: (service.lastDetail as Record<string, unknown> | null) ?? null,
    uptime,
    latency,
    failures,
    dependents: pick(blastRadius(all, id)),
    dependencies: pick(service.dependsOn),
  };
}
