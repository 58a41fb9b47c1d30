import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { evaluateAlertRules } from "@/lib/alerts/engine";
import { beat, registerJob, skipped } from "@/lib/jobs/heartbeat";
import { claimRound } from "@/lib/jobs/rounds";

// Every instance may run the alert rules; each interval's evaluation is claimed once across them
// (and the engine's advisory lock and idempotent records make an overlap harmless anyway).
const EVERY_MS = 30_000;

export function startAlertRules() {
  registerJob("alert-rules", EVERY_MS);
  let isRunning = false;
  const tick = async () => {
    const started = Date.now();
    // A slow chain read can outlast the interval: never stack evaluations on one instance.
    if (isRunning) return;
    isRunning = true;
    try {
      if (!(await claimRound(db, "alert-rules", EVERY_MS))) return skipped("alert-rules");
      const result = await evaluateAlertRules(db);
      if (result.created || result.fired || result.resolved) log.info({ job: "alert-rules", ...result }, "alert rules evaluated");
      beat("alert-rules", true, started);
    } catch (err) {
      log.error({ job: "alert-rules", err }, "alert rule evaluation failed; will retry");
      beat("alert-rules", false, started);
    } finally {
      isRunning = false;
    }
  };
  setTimeout(tick, 5_000).unref();
  setInterval(tick, EVERY_MS).unref();
}
