import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { beat, registerJob } from "@/lib/jobs/heartbeat";
import { claimRound } from "@/lib/jobs/rounds";
import { dispatchFaucetBatch } from "@/lib/faucet/dispatch";
import { pollFaucetBalances } from "@/lib/faucet/balances";

// The faucet's background work: send queued grants every 2 s (right away again while the queue
// is full), and read the faucet wallets' balances every 15 s. Every instance may run it: grants
// are claimed with SKIP LOCKED, so two dispatchers never take the same one.
const EVERY_MS = 2_000;
const BALANCE_EVERY_MS = 15_000;

export function startFaucetJobs() {
  registerJob("faucet", EVERY_MS);
  let lastBalanceAt = 0;
  const tick = async () => {
    const started = Date.now();
    let busy = false;
    try {
      if (Date.now() - lastBalanceAt > BALANCE_EVERY_MS) {
        lastBalanceAt = Date.now();
        if (await claimRound(db, "faucet-balances", BALANCE_EVERY_MS)) await pollFaucetBalances(db);
      }
      const result = await dispatchFaucetBatch(db);
      busy = result.claimed > 0;
      if (result.claimed) log.info({ job: "faucet", ...result }, "faucet grants dispatched");
      beat("faucet", true, started);
    } catch (err) {
      beat("faucet", false, started);
      log.warn({ job: "faucet", err: err instanceof Error ? err.message : String(err) }, "faucet round failed");
    }
    setTimeout(tick, busy ? 100 : EVERY_MS).unref();
  };
  setTimeout(tick, 1_500).unref();
}
