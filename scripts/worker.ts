// `npm run worker`: OpsDeck's background jobs without the web server (event sync, faucet dispatch,
// treasury balances, probes, alert rules, the daily check, and the reconciler that finishes
// interrupted operations). Run any number beside the web instances (start those with the *_JOBS
// switches off, or leave them on: every job is safe to run in several processes at once).
import { boot } from "@/lib/boot";
import { log } from "@/lib/log";

async function main() {
  await boot();
  // The jobs' timers are unref'd (they must never hold a web server open on shutdown); here they
  // are all there is, so this timer keeps the process alive until it is told to stop.
  setInterval(() => {}, 60_000);
  log.info({ pid: process.pid }, "worker started");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      log.info({ signal }, "worker stopping");
      process.exit(0);
    });
  }
}

main().catch((err) => {
  console.error(`[worker] failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
