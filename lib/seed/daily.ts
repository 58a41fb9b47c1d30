import type { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import { worstStatus, type TCheckResult } from "@/lib/daily/status";

// Demo history for /daily: two weeks of 08:00 runs, mostly green, a few mornings with disputes
// past their SLA and one with the event sync stuck — so the trend and the history have a shape.

const DAY = 86_400_000;

function checksFor(daysAgo: number): TCheckResult[] {
  const stuck = daysAgo === 6;
  const lateDisputes = daysAgo === 3 || daysAgo === 9 || daysAgo === 10;
  const orders = 8 + ((daysAgo * 7) % 6);
  const pass = (key: string, label: string, value: string, detail: string): TCheckResult => ({ key, label, value, status: "pass", detail, runbook: null });
  return [
    pass("service-health", "Service health", "14 of 14 OK", "Every probed service answers"),
    pass("errors-24h", "Errors over 24 h", `${daysAgo % 4} failed probes, 0 failed operations`, "Failed health probes and failed operations (OpsDeck's own error record)"),
    pass("orders-24h", "Orders over 24 h", `${orders} orders: ${orders - 2} completed, 1 disputed, 1 expired; volume ${(orders - 2) * 240}`, "Orders created in the last 24 h"),
    lateDisputes
      ? { key: "pending-disputes", label: "Pending disputes", value: "4 open, 1 past the 24 h SLA", status: "warn", detail: "1 not assigned to anyone", runbook: "RB-04" }
      : pass("pending-disputes", "Pending disputes", "2 open, 0 past the 24 h SLA", "Every open dispute has an agent"),
    stuck
      ? { key: "chain-sync", label: "Blockchain sync", value: "1 EVM cursor, 1 XRPL node", status: "fail", detail: "evm:31337: 412 behind, moved 14 min ago (last error: RPC timeout)", runbook: "RB-03" }
      : pass("chain-sync", "Blockchain sync", "1 EVM cursor, 1 XRPL node", "In sync"),
    pass("database-size", "Database size", `${(38 - daysAgo * 0.4).toFixed(1)} MB`, "OpsDeck's PostgreSQL database"),
    pass("redis-memory", "Redis memory", "1.1 MB (no maxmemory set)", "From the Redis probe (INFO memory)"),
    pass("job-workers", "Job workers", "7 running", "reconciler, chain-sync, faucet, probes, alert-rules, treasury, daily-check"),
    pass("disk", "Disk usage", "41.2 % used", "The volume OpsDeck runs on"),
  ];
}

export async function seedDailyDemo(db: TPrisma, now = new Date()) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if ((await db.dailyCheckRun.count({ where: { startedAt: { lt: new Date(today) } } })) > 0) return;
  await db.dailyCheckRun.createMany({
    data: Array.from({ length: 14 }, (_, i) => {
      const daysAgo = i + 1;
      const startedAt = new Date(today - daysAgo * DAY + 8 * 3_600_000);
      const checks = checksFor(daysAgo);
      return { trigger: "schedule", scheduledFor: new Date(today - daysAgo * DAY), startedAt, finishedAt: new Date(startedAt.getTime() + 1_400), status: worstStatus(checks), checks: checks as unknown as Prisma.InputJsonValue };
    }),
  });
}
