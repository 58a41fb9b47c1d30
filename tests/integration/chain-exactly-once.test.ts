import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reconcileOperations } from "@/lib/operations/reconcile";
import { requestOperation } from "@/lib/operations/pipeline";
import { onChainSendPhase } from "@/lib/chains/evm-send";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";
import { ensureUnpaused, isPaused, withTestChains } from "../support/chains";
import { DEV_ROLES } from "@/devchains/evm/accounts";

// "The process killed between recording and submitting a transaction, and between submitting and
// confirming → after restart exactly one transaction on chain." A real child process is killed
// with SIGKILL at each point; the reconciler (what a restarted OpsDeck runs) finishes the work.

const db = testDb();
const root = path.resolve(__dirname, "../..");

const chains = withTestChains(db);

function runAndCrash(phase: "recorded" | "submitted", actor: { id: string; email: string }) {
  const config = {
    databaseUrl: process.env.DATABASE_URL,
    rpcUrl: chains().evm.rpcUrl,
    chainId: chains().evm.chainId,
    escrow: chains().evm.escrow,
    ownerKey: DEV_ROLES.owner.privateKey,
    actor: { ...actor, roles: ["operator"] },
    phase,
  };
  return new Promise<NodeJS.Signals | number | null>((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "tests/support/crash-during-send.ts"], {
      cwd: root,
      env: { ...process.env, CRASH_CONFIG: JSON.stringify(config), NODE_ENV: "test" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code, signal) => resolve(signal ?? code));
  });
}

const ownerNonce = () => chains().provider.getTransactionCount(DEV_ROLES.owner.address, "latest");

describe("[CHAINS][EXACTLY-ONCE]: a crash never sends a chain transaction twice", () => {
  for (const phase of ["recorded", "submitted"] as const) {
    it(`killed after the transaction was ${phase}: the restart finishes it with exactly one transaction on chain`, async () => {
      await ensureUnpaused(chains());
      const actor = await seedActor(db, ["operator"]);
      const nonceBefore = await ownerNonce();

      // tsx relays the child's SIGKILL as exit code 137 (128 + 9).
      expect(["SIGKILL", 137]).toContain(await runAndCrash(phase, actor));

      const execution = await db.execution.findFirstOrThrow({ where: { operationId: "escrow.pause", actorId: actor.id } });
      expect(execution.status).toBe("RUNNING");
      const recorded = await db.chainTransaction.findFirstOrThrow({ where: { executionId: execution.id } });
      expect(recorded.status).toBe(phase === "recorded" ? "SIGNED" : "SUBMITTED");
      // Killed before the broadcast: nothing reached the chain yet. After it: the one transaction did.
      expect(await ownerNonce()).toBe(phase === "recorded" ? nonceBefore : nonceBefore + 1);

      // The restarted process: the reconciler finds the interrupted execution and its recorded transaction.
      // (Limited to this execution: other test files run their own chains() against the same database.)
      const first = await reconcileOperations(db, { staleAfterMs: 0, executionIds: [execution.id] });
      expect(first.finished).toBe(1);
      const second = await reconcileOperations(db, { staleAfterMs: 0, executionIds: [execution.id] });
      expect(second.resumed).toBe(0);

      expect(await ownerNonce()).toBe(nonceBefore + 1);
      expect(await isPaused(chains())).toBe(true);
      expect(await db.execution.findUniqueOrThrow({ where: { id: execution.id } })).toMatchObject({ status: "SUCCEEDED" });
      expect(await db.chainTransaction.findUniqueOrThrow({ where: { id: recorded.id } })).toMatchObject({ status: "CONFIRMED", txHash: recorded.txHash });
      expect(await db.chainTransaction.count({ where: { executionId: execution.id } })).toBe(1);
      expect(await db.auditEvent.count({ where: { action: "escrow.pause.executed", actorId: actor.id } })).toBe(1);
    }, 60_000);
  }
});

describe("[CHAINS][UNREACHABLE]: the chain goes away during a send", () => {
  it("before anything is signed: a clear failure, nothing recorded", async () => {
    await ensureUnpaused(chains());
    const operator = await seedActor(db, ["operator"]);
    process.kill(chains().evmNode.pid, "SIGSTOP");
    try {
      const result = await requestOperation(db, { operationId: "escrow.pause", input: { note: "node frozen before the send" }, actor: operator });
      expect(result).toMatchObject({ ok: false, code: "FAILED", error: expect.stringMatching(/^Nothing was sent: Test EVM unreachable/) });
    } finally {
      process.kill(chains().evmNode.pid, "SIGCONT");
    }
    const execution = await db.execution.findFirstOrThrow({ where: { operationId: "escrow.pause", actorId: operator.id } });
    expect(execution.status).toBe("FAILED");
    expect(await db.chainTransaction.count({ where: { executionId: execution.id } })).toBe(0);
  }, 30_000);

  it("after the transaction is recorded: not a failure — it stays open and the reconciler finishes it once the chain is back", async () => {
    await ensureUnpaused(chains());
    const operator = await seedActor(db, ["operator"]);
    const nonceBefore = await ownerNonce();
    const stop = onChainSendPhase((phase) => {
      if (phase === "recorded") process.kill(chains().evmNode.pid, "SIGSTOP");
    });
    let result;
    try {
      result = await requestOperation(db, { operationId: "escrow.pause", input: { note: "node frozen after signing" }, actor: operator });
    } finally {
      stop();
      process.kill(chains().evmNode.pid, "SIGCONT");
    }
    expect(result).toMatchObject({ ok: false, code: "CONFLICT", error: expect.stringContaining("OpsDeck keeps checking") });
    const execution = await db.execution.findFirstOrThrow({ where: { operationId: "escrow.pause", actorId: operator.id } });
    expect(execution.status).toBe("RUNNING");

    await reconcileOperations(db, { staleAfterMs: 0, executionIds: [execution.id] });
    expect(await db.execution.findUniqueOrThrow({ where: { id: execution.id } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await ownerNonce()).toBe(nonceBefore + 1);
    expect(await isPaused(chains())).toBe(true);
  }, 60_000);
});
