import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { reconcileOperations } from "@/lib/operations/reconcile";
import { beat, registerJob } from "@/lib/jobs/heartbeat";

// Every instance runs the reconciler; that is safe because finishing an execution locks its row
// and expiring a request is a guarded update (see lib/operations/reconcile.ts).
const EVERY_MS = 30_000;

export function startReconciler() {
  registerJob("reconciler", EVERY_MS);
  const tick = async () => {
    try {
      const result = await reconcileOperations(db);
      if (result.expired || result.resumed) log.info({ job: "reconcile", ...result }, "reconciled operations");
      beat("reconciler", true);
    } catch (err) {
      log.warn({ job: "reconcile", err }, "reconcile failed; will retry");
      beat("reconciler", false);
    }
  };
  setTimeout(tick, 2_000).unref();
  setInterval(tick, EVERY_MS).unref();
}
