import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { pruneProbeResults, runDueProbes } from "@/lib/services/probe-runner";
import { beat, registerJob } from "@/lib/jobs/heartbeat";

// Looks for due probes every few seconds (each service has its own interval) and prunes old
// results hourly. A slow round never overlaps the next: the next tick is scheduled after it ends.
const TICK_MS = 5_000;
const PRUNE_EVERY_MS = 3_600_000;

export function startProbes() {
  registerJob("probes", TICK_MS);
  let lastPrune = 0;
  const tick = async () => {
    const started = Date.now();
    try {
      await runDueProbes(db);
      if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = Date.now();
        const pruned = await pruneProbeResults(db);
        if (pruned) log.info({ job: "probes", pruned }, "pruned old probe results");
      }
      beat("probes", true, started);
    } catch (err) {
      log.warn({ job: "probes", err: err instanceof Error ? err.message : String(err) }, "probe round failed; will retry");
      beat("probes", false, started);
    }
    setTimeout(tick, TICK_MS).unref();
  };
  setTimeout(tick, 1_500).unref();
}
