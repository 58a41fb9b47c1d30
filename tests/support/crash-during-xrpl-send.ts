// Sends one XRP payment in a child process and kills that process (SIGKILL, no clean-up) at the
// chosen phase: after the signed blob is recorded, or after it is submitted.
// tests/integration/xrpl-send.test.ts then calls sendXrpPaymentOnce again with the same intent key.
// Run with `tsx --conditions=react-server` (the lib modules are server-only).
import { createPrismaClient } from "@/lib/db/prisma";
import { createXrplChain } from "@/lib/chains/xrpl";
import { onXrplSendPhase, sendXrpPaymentOnce } from "@/lib/chains/xrpl-send";

export type TXrplCrashConfig = {
  databaseUrl: string;
  wsUrl: string;
  /** A dev ledger wallet's seed, handed over in the child's environment only. */
  seed: string;
  destination: string;
  amountDrops: string;
  intentKey: string;
  phase: "recorded" | "submitted";
};

const cfg = JSON.parse(process.env.XRPL_CRASH_CONFIG ?? "{}") as TXrplCrashConfig;

async function main() {
  const db = createPrismaClient(cfg.databaseUrl, { max: 1 });
  const chain = createXrplChain({ name: "Crash XRPL", primaryUrl: cfg.wsUrl, timeoutMs: 3_000 });
  onXrplSendPhase((phase, info) => {
    if (phase === cfg.phase && info.intentKey === cfg.intentKey) process.kill(process.pid, "SIGKILL");
  });
  await sendXrpPaymentOnce({ db, chain, intentKey: cfg.intentKey, purpose: "test.crash", seed: cfg.seed, destination: cfg.destination, amountDrops: cfg.amountDrops });
  console.error("the crash did not happen");
  process.exit(3);
}

main().catch((err: unknown) => {
  console.error("the payment failed before the crash:", err instanceof Error ? err.message : err);
  process.exit(4);
});
