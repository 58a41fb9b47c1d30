import "server-only";
import { db } from "@/lib/db/client";
import { overallStatus, type TCheck } from "@/lib/health/status";
import { chainHealthChecks } from "@/lib/chains/status";

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
    ...(await chainHealthChecks(db)),
  ];
  return { status: overallStatus(checks), checks };
}
