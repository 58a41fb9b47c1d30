// Runs one escrow.pause through the pipeline in a child process and kills that process (SIGKILL,
// no clean-up) at the chosen phase of the chain send: after the signed transaction is recorded,
// or after it is broadcast. tests/integration/chain-exactly-once.test.ts then restarts the work.
// Run with `tsx --conditions=react-server` (the lib modules are server-only).
import { createPrismaClient } from "@/lib/db/prisma";
import { createEvmChain, setEvmChain } from "@/lib/chains/evm";
import { onChainSendPhase } from "@/lib/chains/evm-send";
import { requestOperation } from "@/lib/operations/pipeline";

const cfg = JSON.parse(process.env.CRASH_CONFIG ?? "{}") as { databaseUrl: string; rpcUrl: string; chainId: number; escrow: string; ownerKey: string; actor: { id: string; email: string; roles: ["operator"] }; phase: "recorded" | "submitted" };

async function main() {
  const db = createPrismaClient(cfg.databaseUrl, { max: 1 });
  setEvmChain(createEvmChain({ name: "Crash EVM", chainId: cfg.chainId, primaryUrl: cfg.rpcUrl, escrow: cfg.escrow, ownerKey: cfg.ownerKey, confirmations: 0 }));
  onChainSendPhase((phase) => {
    if (phase === cfg.phase) process.kill(process.pid, "SIGKILL");
  });
  await requestOperation(db, { operationId: "escrow.pause", input: { note: `crash test after ${cfg.phase}` }, actor: { ...cfg.actor, name: "crash", sessionId: null } });
  console.error("the crash did not happen");
  process.exit(3);
}

void main();
