import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { reconcileOperations } from "@/lib/operations/reconcile";
import { beat, registerJob, skipped } from "@/lib/jobs/heartbeat";
import { claimRound } from "@/lib/jobs/rounds";
import { syncRunbookVersions } from "@/lib/runbooks/loader";

// Every instance may run the reconciler; each interval's round is claimed once across them (and an
// overlap would be safe anyway: finishing an execution locks its row and expiring a request is a
// guarded update, see lib/operations/reconcile.ts).
const EVERY_MS = 30_000;

export function startReconciler() {
  registerJob("reconciler", EVERY_MS);
  // The repository's runbook definitions, loaded on the first round that reaches the database.
  let runbooksLoaded = false;
  const tick = async () => {
    const started = Date.now();
    try {
      if (!(await claimRound(db, "reconciler", EVERY_MS))) return skipped("reconciler");
      if (!runbooksLoaded) {
        const changed = await syncRunbookVersions(db);
        runbooksLoaded = true;
        if (changed.length) log.info({ job: "reconcile", runbooks: changed }, "loaded new runbook versions");
      }
      const result = await reconcileOperations(db);
      if (result.expired || result.resumed) log.info({ job: "reconcile", ...result }, "reconciled operations");
      beat("reconciler", true, started);
    } catch (err) {
      log.warn({ job: "reconcile", err }, "reconcile failed; will retry");
      beat("reconciler", false, started);
    }
  };
  setTimeout(tick, 500).unref();
  setInterval(tick, EVERY_MS).unref();
}
