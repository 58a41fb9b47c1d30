import "server-only";
import { db } from "@/lib/db/client";
import { overallStatus, type TCheck } from "@/lib/health/status";
import { chainHealthChecks } from "@/lib/chains/status";
import { jobHealth } from "@/lib/jobs/heartbeat";

async function timed(name: string, fn: () => Promise<void>): Promise<TCheck> {
  const started = performance.now();
  try {
    await fn();
    return { name, status: "ok", latency_ms: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      name,
      status: "error",
      latency_ms: Math.round(performance.now() - started),
      error: err instanceof Error ? err.message.split("\n")[0] : "failed",
    };
  }
}

/** OpsDeck's own dependencies: its database and the chains it acts on (not_configured when unset). */
export async function runHealthChecks() {
  const checks: TCheck[] = [
    await timed("database", async () => {
      await db.$queryRaw`SELECT 1`;
    }),
    jobsCheck(),
    ...(await chainHealthChecks(db)),
  ];
  return { status: overallStatus(checks), checks };
}

/** The background jobs (reconciler, chain sync, probes, alert rules): stalled is an error, a failing round degraded. */
function jobsCheck(): TCheck {
  const { jobs, stalled, failing } = jobHealth();
  if (jobs.length === 0) return { name: "jobs", status: "not_configured", detail: "No background job runs in this process" };
  if (stalled.length) return { name: "jobs", status: "error", error: `stalled: ${stalled.join(", ")}` };
  if (failing.length) return { name: "jobs", status: "degraded", detail: `last round failed: ${failing.join(", ")}` };
  return { name: "jobs", status: "ok", detail: `${jobs.length} running: ${jobs.join(", ")}` };
}
