import type pg from "pg";

// What a busy day looks like on the overview and in the portal's banner: two open incidents (one
// P1, so the banner shows), a few firing alerts, and a year of resolved alert episodes.

export type TExtrasGenerated = { openIncidentId: string; alerts: number };

export async function generateExtras(pool: pg.PoolClient, opts: { now: Date }): Promise<TExtrasGenerated> {
  const now = opts.now.toISOString();
  const commander = await pool.query<{ id: string }>(`SELECT id::text FROM "User" WHERE email = 'operator@opsdeck.local'`);
  const incident = await pool.query<{ id: string }>(
    `INSERT INTO "Incident" (id, title, severity, status, summary, services, "commanderId", "declaredBy", "openedByAlert", "detectedAt", "triagedAt", "mitigatingAt", "updatedAt") VALUES
       (gen_random_uuid(), 'SMS codes not delivered', 'P1', 'mitigating', 'The SMS gateway rejects every send since the provider rotated its certificate.', '{sms,notifications,auth}', $1::uuid, 'OpsDeck alerting', 'Service down', ($2::timestamptz - interval '50 minutes') AT TIME ZONE 'UTC', ($2::timestamptz - interval '44 minutes') AT TIME ZONE 'UTC', ($2::timestamptz - interval '30 minutes') AT TIME ZONE 'UTC', now()),
       (gen_random_uuid(), 'Price oracle answers slowly', 'P3', 'triaged', '', '{price-oracle}', NULL, 'support@opsdeck.local', NULL, ($2::timestamptz - interval '3 hours') AT TIME ZONE 'UTC', ($2::timestamptz - interval '2 hours') AT TIME ZONE 'UTC', NULL, now())
     RETURNING id::text`,
    [commander.rows[0]?.id ?? null, now],
  );
  await pool.query("SELECT setseed(0.5555)");
  const alerts = await pool.query(
    `INSERT INTO "Alert" (id, fingerprint, source, name, severity, status, summary, "serviceId", runbook, "startsAt", "endsAt", "lastSeenAt")
     SELECT gen_random_uuid(), md5(name || coalesce(svc, '')), 'rules', name, sev, status::"AlertStatus", summary, svc, rb, starts, ends, coalesce(ends, $1::timestamptz)
     FROM (
       SELECT n, (ARRAY['Service down', 'Service degraded', 'RPC primary down, fallback active', 'Dispute rate high', 'Faucet balance low', 'Event sync lagging'])[1 + n % 6] AS name,
              CASE WHEN n % 3 = 0 THEN 'critical' ELSE 'warning' END AS sev,
              CASE WHEN n <= 4 THEN 'firing' ELSE 'resolved' END AS status,
              CASE WHEN n <= 4 THEN 'Currently failing its checks' ELSE 'Recovered' END AS summary,
              (ARRAY['sms', 'price-oracle', 'rpc-primary', NULL, 'xrpl-node', 'event-workers'])[1 + n % 6] AS svc,
              (ARRAY[NULL, NULL, 'RB-07', 'RB-04', NULL, 'RB-03'])[1 + n % 6] AS rb,
              CASE WHEN n <= 4 THEN $1::timestamptz - n * interval '12 minutes' ELSE $1::timestamptz - random() * interval '365 days' END AS starts,
              CASE WHEN n <= 4 THEN NULL ELSE interval '5 minutes' + random() * interval '3 hours' END AS dur
       FROM generate_series(1, 2000) n
     ) a CROSS JOIN LATERAL (SELECT starts + dur AS ends) e
     ON CONFLICT DO NOTHING`,
    [now],
  );
  return { openIncidentId: incident.rows[0]!.id, alerts: alerts.rowCount ?? 0 };
}
