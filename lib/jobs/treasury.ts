import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { beat, registerJob, skipped } from "@/lib/jobs/heartbeat";
import { claimRound } from "@/lib/jobs/rounds";
import { syncConfiguredAccounts } from "@/lib/treasury/accounts";
import { pollTreasuryBalances } from "@/lib/treasury/balances";
import { reconcileFees } from "@/lib/treasury/reconciliation";
import { evmChain } from "@/lib/chains/evm";

// The treasury's background work: the configured wallets are (re)listed every few minutes (a
// rotation or a newly used token adds one), and every followed account's balance is read into a
// snapshot each round; every few minutes the fees the escrow promised are reconciled with what
// reached the treasury. Several instances may run it: each round is claimed once across them.
const ACCOUNTS_EVERY_MS = 5 * 60_000;
const RECONCILE_EVERY_MS = 5 * 60_000;

export function startTreasuryJobs() {
  const everyMs = env().TREASURY_POLL_SECONDS * 1_000;
  registerJob("treasury", everyMs);
  let lastAccountsAt = 0;
  let lastReconciledAt = 0;
  const tick = async () => {
    const started = Date.now();
    try {
      // Another instance read the balances this interval: one snapshot per round across instances.
      if (!(await claimRound(db, "treasury", everyMs))) {
        skipped("treasury");
        setTimeout(tick, everyMs).unref();
        return;
      }
      if (Date.now() - lastAccountsAt > ACCOUNTS_EVERY_MS) {
        const added = await syncConfiguredAccounts(db);
        lastAccountsAt = Date.now();
        if (added) log.info({ job: "treasury", added }, "configured treasury accounts added");
      }
      const result = await pollTreasuryBalances(db);
      if (result.failed) log.warn({ job: "treasury", ...result }, "some treasury balances could not be read");
      const chain = evmChain();
      if (chain?.escrow && Date.now() - lastReconciledAt > RECONCILE_EVERY_MS) {
        lastReconciledAt = Date.now();
        const rec = await reconcileFees(db, chain);
        if (rec.failed.length) log.warn({ job: "treasury", failed: rec.failed.slice(0, 5) }, "some fee reconciliation days could not be read");
      }
      beat("treasury", result.failed === 0 || result.read > 0, started);
    } catch (err) {
      beat("treasury", false, started);
      log.warn({ job: "treasury", err: err instanceof Error ? err.message : String(err) }, "treasury round failed");
    }
    setTimeout(tick, everyMs).unref();
  };
  setTimeout(tick, 2_000).unref();
}
