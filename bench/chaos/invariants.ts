import { Client } from "xrpl";
import type { TPrisma } from "@/lib/db/prisma";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { TAcked } from "./traffic";

// What must hold after the chaos, whatever broke: checked against the database and the chain itself.

export type TInvariant = { name: string; ok: boolean; detail: string };

/** Every faucet request the API acknowledged (202) is in the database. */
export async function acknowledgedWritesKept(db: TPrisma, acked: TAcked[]): Promise<TInvariant> {
  const ids = acked.map((a) => a.id);
  const found = ids.length ? await db.faucetRequest.count({ where: { id: { in: ids } } }) : 0;
  return { name: "no acknowledged write lost", ok: found === ids.length, detail: `${found} of ${ids.length} acknowledged faucet requests stored` };
}

/** Every payment the faucet wallet made on the ledger, grouped by destination. */
async function paymentsFrom(xrplUrl: string, account: string): Promise<Map<string, string[]>> {
  const client = new Client(xrplUrl);
  await client.connect();
  const byDestination = new Map<string, string[]>();
  try {
    let marker: unknown;
    do {
      const page = await client.request({ command: "account_tx", account, limit: 400, ...(marker ? { marker } : {}) });
      for (const t of page.result.transactions) {
        const tx = (t.tx_json ?? (t as unknown as { tx: Record<string, unknown> }).tx) as { TransactionType?: string; Account?: string; Destination?: string } | undefined;
        const hash = (t as { hash?: string }).hash ?? "";
        if (tx?.TransactionType === "Payment" && tx.Account === account && tx.Destination) byDestination.set(tx.Destination, [...(byDestination.get(tx.Destination) ?? []), hash]);
      }
      marker = page.result.marker;
    } while (marker);
  } finally {
    await client.disconnect();
  }
  return byDestination;
}

/** No faucet grant and no treasury transfer reached the chain twice, and every one recorded as sent is there. */
export async function noDoubleSends(db: TPrisma, opts: { xrplUrl: string; faucetAddress: string; treasuryAddress: string; acked: TAcked[]; transferDestination?: string }): Promise<TInvariant[]> {
  const faucet = await paymentsFrom(opts.xrplUrl, opts.faucetAddress);
  const doubled = [...faucet].filter(([, hashes]) => hashes.length > 1);
  const sent = await db.faucetRequest.findMany({ where: { id: { in: opts.acked.map((a) => a.id) }, status: "sent" }, select: { address: true, txHash: true } });
  const missing = sent.filter((s) => !faucet.get(s.address)?.includes(s.txHash ?? ""));
  const out: TInvariant[] = [
    { name: "no faucet grant sent twice", ok: doubled.length === 0, detail: `${faucet.size} destinations paid on the ledger, ${doubled.length} more than once${doubled.length ? `: ${doubled.slice(0, 3).map(([d]) => d).join(", ")}` : ""}` },
    { name: "every grant recorded as sent is on the ledger", ok: missing.length === 0, detail: `${sent.length - missing.length} of ${sent.length} found by hash` },
  ];
  if (opts.transferDestination) {
    const treasury = await paymentsFrom(opts.xrplUrl, opts.treasuryAddress);
    const paid = treasury.get(opts.transferDestination)?.length ?? 0;
    out.push({ name: "the approved transfer sent exactly once", ok: paid === 1, detail: `${paid} payment(s) to ${opts.transferDestination}` });
  }
  return out;
}

/** Each periodic job's rounds, across every instance, were at least 80 % of its interval apart. */
export async function roundsOncePerInterval(db: TPrisma, since: Date, intervals: Record<string, number>): Promise<TInvariant> {
  const rows = await db.$queryRaw<{ job: string; rounds: bigint; instances: bigint; min_gap_ms: number | null }[]>`
    SELECT job, count(*) AS rounds, count(DISTINCT instance) AS instances,
           min(gap) AS min_gap_ms
    FROM (SELECT job, instance, extract(epoch FROM "startedAt" - lag("startedAt") OVER (PARTITION BY job ORDER BY "startedAt")) * 1000 AS gap
          FROM "JobRound" WHERE "startedAt" >= ${since}) r
    GROUP BY job ORDER BY job`;
  const bad = rows.filter((r) => {
    const every = intervals[r.job.split(":")[0]!];
    return every !== undefined && r.min_gap_ms !== null && r.min_gap_ms < every * 0.8 - 50;
  });
  const detail = rows.map((r) => `${r.job}: ${r.rounds} rounds by ${r.instances} instance(s), closest ${r.min_gap_ms === null ? "–" : `${Math.round(r.min_gap_ms)} ms`} apart`).join("; ");
  return { name: "each periodic job ran once per interval across instances", ok: rows.length > 0 && bad.length === 0, detail: detail || "no rounds recorded" };
}

/** Each service was probed at most once per its interval, although several workers run the probes. */
export async function probesOncePerInterval(db: TPrisma, since: Date): Promise<TInvariant> {
  const rows = await db.$queryRaw<{ name: string; interval: number; min_gap: number | null; probes: bigint }[]>`
    SELECT s.name, s."intervalSeconds" AS interval, count(*) AS probes,
           min(gap) AS min_gap
    FROM (SELECT "serviceId", extract(epoch FROM at - lag(at) OVER (PARTITION BY "serviceId" ORDER BY at)) AS gap FROM "ProbeResult" WHERE at >= ${since}) p
    JOIN "Service" s ON s.id = p."serviceId"
    GROUP BY s.name, s."intervalSeconds"`;
  const bad = rows.filter((r) => r.min_gap !== null && r.min_gap < r.interval * 0.9);
  return { name: "each service probed once per interval across instances", ok: bad.length === 0 && rows.length > 0, detail: `${rows.length} services, ${rows.reduce((n, r) => n + Number(r.probes), 0)} probes${bad.length ? `; too close: ${bad.map((b) => `${b.name} ${b.min_gap?.toFixed(1)} s < ${b.interval} s`).join(", ")}` : ""}` };
}

export async function auditChainIntact(db: TPrisma): Promise<TInvariant> {
  const report = await verifyAuditChain(db);
  return { name: "audit chain intact", ok: report.intact, detail: report.intact ? `${report.events} events verified` : `broken at ${report.brokenAt.id}: ${report.brokenAt.problem}` };
}

/** Row counts of every table: the fuzz phase must leave them as they were (the audit log aside). */
export async function tableCounts(db: TPrisma): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ name: string }[]>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\_prisma%' ORDER BY 1`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    counts[name] = Number(row!.n);
  }
  return counts;
}
