import { ConfigError, loadEnv } from "@/lib/env";

/** Server start-up (Node.js runtime only): refuse to run with a bad configuration, then start background work. */
export async function boot() {
  try {
    loadEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // Finishes operations a crash or restart interrupted, and closes expired approval requests.
  const { startReconciler } = await import("@/lib/jobs/reconciler");
  startReconciler();
  const { env } = await import("@/lib/env");
  if (env().CHAIN_JOBS === "on") {
    // Keeps the escrow's orders, disputes and completions in PostgreSQL (RB-03).
    const { startChainSync } = await import("@/lib/jobs/chain-sync");
    startChainSync();
  }
  if (env().FAUCET_JOBS === "on") {
    // Sends queued faucet grants, exactly once each, and keeps the faucet balances fresh.
    const { startFaucetJobs } = await import("@/lib/jobs/faucet");
    startFaucetJobs();
  }
  if (env().TREASURY_JOBS === "on") {
    // Treasury balance snapshots (and the accounts the configuration names).
    const { startTreasuryJobs } = await import("@/lib/jobs/treasury");
    startTreasuryJobs();
  }
  if (env().MONITOR_JOBS === "on") {
    // The service probes behind the map and its alerts.
    const { startProbes } = await import("@/lib/jobs/probes");
    startProbes();
    // The alert rules at the guides' thresholds (wallets, sync, RPC, pause, disputes, TLS, health).
    const { startAlertRules } = await import("@/lib/jobs/alert-rules");
    startAlertRules();
    // The daily operations check (escrow guide §4) at its hour.
    const { startDailyCheckJob } = await import("@/lib/jobs/daily");
    startDailyCheckJob();
  }
}
