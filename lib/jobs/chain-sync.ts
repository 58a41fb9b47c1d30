import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { evmChain } from "@/lib/chains/evm";
import { recordSyncError, syncEscrowEvents } from "@/lib/chains/escrow-sync";
import { applyEndpointOverrides } from "@/lib/chains/overrides";
import { beat, registerJob, skipped } from "@/lib/jobs/heartbeat";
import { claimRound } from "@/lib/jobs/rounds";

// The escrow event poll (the guide's schedule: every 3 s on a fast chain). A failing tick backs
// off exponentially up to a minute, so a dead RPC is retried without flooding it or the log.
const EVERY_MS = 3_000;
const MAX_BACKOFF_MS = 60_000;

export function startChainSync() {
  const chain = evmChain();
  if (!chain?.escrow) return;
  registerJob("chain-sync", EVERY_MS);
  let failures = 0;
  const tick = async () => {
    const started = Date.now();
    try {
      await applyEndpointOverrides(db);
      // Another instance read the chain this interval: the event sync runs once per interval across instances.
      if (!(await claimRound(db, `chain-sync:${chain.key}`, EVERY_MS))) {
        skipped("chain-sync");
        setTimeout(tick, EVERY_MS).unref();
        return;
      }
      const result = await syncEscrowEvents(db, chain);
      if (failures > 0) log.info({ job: "chain-sync", chain: result.chain }, "event sync recovered");
      failures = 0;
      beat("chain-sync", true, started);
      if (result.stored || result.removed || result.reset) log.info({ job: "chain-sync", ...result }, "synced escrow events");
      const cursor = await db.chainCursor.findUnique({ where: { chain: result.chain }, select: { movedAt: true } });
      metrics().syncCursorAgeSeconds.set({ chain: chain.key }, result.lagBlocks > 0 && cursor ? (Date.now() - cursor.movedAt.getTime()) / 1000 : 0);
    } catch (err) {
      failures = await recordSyncError(db, chain, err).catch(() => failures + 1);
      beat("chain-sync", false, started);
      log.warn({ job: "chain-sync", chain: chain.name, failures, err: err instanceof Error ? err.message : String(err) }, "event sync failed; backing off");
    }
    const delay = failures ? Math.min(MAX_BACKOFF_MS, EVERY_MS * 2 ** Math.min(failures, 5)) : EVERY_MS;
    setTimeout(tick, delay).unref();
  };
  setTimeout(tick, 1_000).unref();
}
