// A faucet dispatcher that dies mid-batch: it claims grants and SIGKILLs itself (no clean-up)
// right after broadcasting the Nth payment. tests/integration/faucet.test.ts then lets another
// dispatcher finish the batch. Run with `tsx --conditions=react-server` (the lib is server-only).
import { createPrismaClient } from "@/lib/db/prisma";
import { createXrplChain, setXrplChain } from "@/lib/chains/xrpl";
import { onXrplSendPhase } from "@/lib/chains/xrpl-send";
import { dispatchFaucetBatch } from "@/lib/faucet/dispatch";

const cfg = JSON.parse(process.env.CRASH_CONFIG ?? "{}") as { databaseUrl: string; ledger: string; killAt: number };

async function main() {
  const db = createPrismaClient(cfg.databaseUrl, { max: 4 });
  setXrplChain(createXrplChain({ name: "Crash XRPL", primaryUrl: cfg.ledger, timeoutMs: 5_000 }));
  let submitted = 0;
  onXrplSendPhase((phase) => {
    if (phase === "submitted" && ++submitted === cfg.killAt) process.kill(process.pid, "SIGKILL");
  });
  await dispatchFaucetBatch(db, { maxConcurrency: 4, nodeTimeoutMs: 20_000 });
  console.error("the crash did not happen");
  process.exit(3);
}

void main();
