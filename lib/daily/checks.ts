import "server-only";
import fs from "node:fs/promises";
import type { TPrisma } from "@/lib/db/prisma";
import { jobHealth } from "@/lib/jobs/heartbeat";
import { readQueueSummary } from "@/lib/disputes/queue";
import type { TThresholdValues } from "@/lib/alerts/rules";
import { byThreshold, type TCheckResult } from "@/lib/daily/status";
import { bytesText } from "@/lib/format/bytes";
import { configuredCursorLags } from "@/lib/chains/sync-lag";
import { withoutEndpoints } from "@/lib/format/endpoints";

// The escrow guide's daily-check.sh (§4), one function per section, each reading what OpsDeck
// already knows: the service catalog's probes, the synced orders, the sync cursors, PostgreSQL
// itself, the Redis probe, this process's jobs and its disk. A check that cannot read its source
// fails with the reason rather than passing by silence.

type TCtx = { db: TPrisma; now: Date; t: TThresholdValues };
type TCheck = { key: string; label: string; run: (ctx: TCtx) => Promise<Omit<TCheckResult, "key" | "label">> };

const DAY_MS = 86_400_000;

export const DAILY_CHECKS: readonly TCheck[] = [
  {
    key: "service-health",
    label: "Service health",
    async run({ db }) {
      const services = await db.service.findMany({ select: { name: true, status: true, isCritical: true } });
      const bad = services.filter((s) => s.status === "error" || s.status === "degraded");
      const criticalDown = bad.filter((s) => s.isCritical && s.status === "error");
      const ok = services.filter((s) => s.status === "ok").length;
      return {
        value: `${ok} of ${services.length} OK`,
        status: criticalDown.length ? "fail" : bad.length ? "warn" : "pass",
        detail: bad.length ? bad.map((s) => `${s.name}: ${s.status}`).join(", ") : "Every probed service answers",
        runbook: bad.length ? "RB-01" : null,
      };
    },
  },
  {
    key: "errors-24h",
    label: "Errors over 24 h",
    async run({ db, now }) {
      const since = new Date(now.getTime() - DAY_MS);
      const [probeFailures, failedOps] = await Promise.all([
        db.probeResult.count({ where: { at: { gte: since }, status: "error" } }),
        db.execution.count({ where: { status: "FAILED", startedAt: { gte: since } } }),
      ]);
      return {
        value: `${probeFailures} failed probes, ${failedOps} failed operations`,
        // A flapping probe fails a few times a day; failed operations are someone's change that did not happen.
        status: failedOps > 0 || probeFailures >= 50 ? "warn" : "pass",
        detail: "Failed health probes and failed operations (OpsDeck's own error record)",
        runbook: probeFailures >= 50 ? "RB-01" : null,
      };
    },
  },
  {
    key: "orders-24h",
    label: "Orders over 24 h",
    async run({ db, now }) {
      const since = new Date(now.getTime() - DAY_MS);
      const [[row], volumes] = await Promise.all([
        db.$queryRaw<{ total: bigint; completed: bigint; disputed: bigint; expired: bigint }[]>`
          SELECT count(*) AS total,
                 count(*) FILTER (WHERE status = 'completed') AS completed,
                 count(*) FILTER (WHERE status IN ('disputed', 'resolved_buyer', 'resolved_seller')) AS disputed,
                 count(*) FILTER (WHERE status = 'expired') AS expired
          FROM "EscrowOrder" WHERE "createdAt" > ${since}`,
        // Volume per token: 1 of one token is not 1 of another.
        db.$queryRaw<{ symbol: string | null; volume: string }[]>`
          SELECT t.symbol, sum(o."amountValue")::text AS volume
          FROM "EscrowOrder" o LEFT JOIN "ChainToken" t ON t.chain = o.chain AND t.address = o.token
          WHERE o."createdAt" > ${since} AND o.status = 'completed' AND o."amountValue" IS NOT NULL
          GROUP BY t.symbol ORDER BY t.symbol`,
      ]);
      const n = (v: bigint | undefined) => Number(v ?? 0);
      const volume = volumes.length ? volumes.map((v) => `${Number(v.volume).toLocaleString("en-US", { maximumFractionDigits: 2 })}${v.symbol ? ` ${v.symbol}` : " (unknown token)"}`).join(", ") : "0";
      return {
        value: `${n(row?.total)} orders: ${n(row?.completed)} completed, ${n(row?.disputed)} disputed, ${n(row?.expired)} expired; volume ${volume}`,
        status: "pass",
        detail: "Orders created in the last 24 h as the escrow's events describe them (the contract has no cancelled state)",
        runbook: null,
      };
    },
  },
  {
    key: "pending-disputes",
    label: "Pending disputes",
    async run({ db, now, t }) {
      const q = await readQueueSummary(db, { roles: ["admin"] }, t.disputeSlaHours, now);
      return {
        value: `${q.open} open, ${q.overdue} past the ${t.disputeSlaHours} h SLA`,
        status: q.overdue > 0 ? "warn" : "pass",
        detail: q.unassigned ? `${q.unassigned} not assigned to anyone` : "Every open dispute has an agent",
        runbook: q.overdue > 0 ? "RB-04" : null,
      };
    },
  },
  {
    key: "chain-sync",
    label: "Blockchain sync",
    async run({ db, now, t }) {
      const [cursors, xrpl] = await Promise.all([db.chainCursor.findMany({ orderBy: { chain: "asc" } }), db.service.findMany({ where: { kind: "xrpl" }, select: { name: true, status: true } })]);
      const lags = configuredCursorLags(cursors, now, t.syncCursorStaleMinutes);
      if (!lags.length && !xrpl.length) return { value: "no chain configured", status: "warn", detail: "Nothing is synced", runbook: null };
      const lines: { text: string; status: "pass" | "warn" | "fail" }[] = lags.map((c) => {
        const status = c.isStuck ? "fail" : c.lagBlocks === null ? "warn" : c.lagBlocks > t.syncLagBlocks ? "warn" : "pass";
        const error = cursors.find((k) => k.chain === c.chain)?.lastError;
        return { text: `${c.chain}: block ${c.lastBlock}${c.lagBlocks === null ? "" : `, ${c.lagBlocks} behind`}, moved ${c.minutesStill} min ago${error ? ` (last error: ${withoutEndpoints(error).slice(0, 80)})` : ""}`, status };
      });
      for (const x of xrpl) lines.push({ text: `${x.name}: ${x.status}`, status: x.status === "error" ? "fail" : x.status === "ok" ? "pass" : "warn" });
      const worst = lines.some((l) => l.status === "fail") ? "fail" : lines.some((l) => l.status === "warn") ? "warn" : "pass";
      return { value: `${lags.length} EVM cursor${lags.length === 1 ? "" : "s"}, ${xrpl.length} XRPL node${xrpl.length === 1 ? "" : "s"}`, status: worst, detail: lines.map((l) => l.text).join("; "), runbook: worst === "pass" ? null : "RB-03" };
    },
  },
  {
    key: "database-size",
    label: "Database size",
    async run({ db }) {
      const [row] = await db.$queryRaw<{ bytes: bigint }[]>`SELECT pg_database_size(current_database()) AS bytes`;
      return { value: bytesText(Number(row?.bytes ?? 0)), status: "pass", detail: "OpsDeck's PostgreSQL database", runbook: null };
    },
  },
  {
    key: "redis-memory",
    label: "Redis memory",
    async run({ db }) {
      const redis = await db.service.findFirst({ where: { kind: "redis" }, select: { name: true, status: true, lastDetail: true, lastCheckedAt: true } });
      const d = (redis?.lastDetail ?? {}) as { usedMemoryBytes?: number | null; maxMemoryBytes?: number; memoryPct?: number | null };
      if (!redis || typeof d.usedMemoryBytes !== "number") return { value: "not reported", status: "warn", detail: redis ? `${redis.name} has not reported its memory (status ${redis.status})` : "No Redis in the service catalog", runbook: null };
      const pct = d.memoryPct ?? null;
      return {
        value: `${bytesText(d.usedMemoryBytes)}${d.maxMemoryBytes ? ` of ${bytesText(d.maxMemoryBytes)} (${pct} %)` : " (no maxmemory set)"}`,
        status: pct === null ? "pass" : byThreshold(pct, 70, 90),
        detail: "From the Redis probe (INFO memory); the guide scales above 70 %",
        runbook: pct !== null && pct >= 70 ? "RB-08" : null,
      };
    },
  },
  {
    key: "job-workers",
    label: "Job workers",
    async run() {
      const h = jobHealth();
      return {
        value: `${h.jobs.length} running${h.stalled.length ? `, ${h.stalled.length} stalled` : ""}${h.failing.length ? `, ${h.failing.length} failing` : ""}`,
        status: h.stalled.length ? "fail" : h.failing.length ? "warn" : "pass",
        detail: h.stalled.length || h.failing.length ? [...h.stalled.map((j) => `${j} stalled`), ...h.failing.map((j) => `${j}'s last round failed`)].join(", ") : h.jobs.join(", ") || "no background job in this process",
        runbook: h.stalled.length || h.failing.length ? "RB-09" : null,
      };
    },
  },
  {
    key: "disk",
    label: "Disk usage",
    async run() {
      const s = await fs.statfs(process.cwd());
      // As df counts it: the blocks reserved for root are neither used nor available to us.
      const used = (s.blocks - s.bfree) * s.bsize;
      const total = used + s.bavail * s.bsize;
      const pct = total ? Math.round((used / total) * 1000) / 10 : 0;
      return { value: `${pct} % used (${bytesText(used)} of ${bytesText(total)})`, status: byThreshold(pct, 80, 90), detail: "The volume OpsDeck runs on; the guide acts above 80 %", runbook: pct >= 80 ? "RB-01" : null };
    },
  },
];

/** Every check; one that throws fails with its reason, the others still run. */
export async function runChecks(ctx: TCtx): Promise<TCheckResult[]> {
  return Promise.all(
    DAILY_CHECKS.map(async (c) => {
      try {
        return { key: c.key, label: c.label, ...(await c.run(ctx)) };
      } catch (err) {
        return { key: c.key, label: c.label, value: "could not be read", status: "fail" as const, detail: (err instanceof Error ? err.message : String(err)).replace(/\b(?:https?|wss?|postgres(?:ql)?):\/\/[^\s"')]+/g, "[endpoint]").slice(0, 200), runbook: null };
      }
    }),
  );
}
