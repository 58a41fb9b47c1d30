import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountSetAsfFlags, Wallet, convertHexToString, decode, decodeSeed, xrpToDrops, type AccountSet, type Payment } from "xrpl";
import { onXrplSendPhase, sendXrpPaymentOnce, type TXrplPayment } from "@/lib/chains/xrpl-send";
import { closeXrplClients, createXrplChain, xrplCall } from "@/lib/chains/xrpl";
import { OperationError, StillPendingError } from "@/lib/operations/result";
import { devXrplWallet } from "@/devchains/start";
import { testDb } from "../support/db";
import { withTestChains } from "../support/chains";
import type { TXrplCrashConfig } from "../support/crash-during-xrpl-send";

// Exactly-once XRP payments against a real XRPL dev ledger (ledgers close every 300 ms): paid once
// per intent key, distinct sequences under concurrency, a SIGKILLed process finished by a second
// call, and every way a payment can end without paying.

const db = testDb();
const root = path.resolve(__dirname, "../..");
const chains = withTestChains(db);
const run = randomUUID().slice(0, 8);
const intent = (name: string) => `test:xrpl-send:${run}:${name}`;
const chain = () => chains().xrplChain;

// This file's own sending wallet, funded by the dev faucet: the database is shared with other test
// files and earlier runs, whose unfinished payments from a shared dev wallet would take part in the
// sequence choice on a ledger where they do not exist.
let sender: Wallet;

beforeAll(async () => {
  sender = await fundedWallet(20_000);
}, 60_000);

function payment(p: Pick<TXrplPayment, "intentKey" | "destination" | "amountDrops"> & Partial<TXrplPayment>): TXrplPayment {
  return { db, chain: chain(), purpose: "test.xrpl-send", seed: sender.seed!, ...p };
}

/** Test set-up straight through xrpl.js (autofill, sign, submit, wait), not the code under test. */
async function submitDirect(wallet: Wallet, tx: Payment | AccountSet) {
  const { result } = await xrplCall(chain(), "submitAndWait", (c) => c.submitAndWait(tx, { wallet, autofill: true }));
  expect(typeof result.meta === "object" && result.meta.TransactionResult).toBe("tesSUCCESS");
}

async function fundedWallet(xrp: number): Promise<Wallet> {
  const faucet = devXrplWallet("faucet");
  const wallet = Wallet.generate();
  await submitDirect(faucet, { TransactionType: "Payment", Account: faucet.address, Destination: wallet.address, Amount: xrpToDrops(xrp) });
  return wallet;
}

function isNotFound(err: unknown) {
  return (err as { data?: { error?: string } }).data?.error === "actNotFound";
}

/** Validated balance in drops; 0 for an account the ledger does not have. */
async function dropsOf(address: string): Promise<bigint> {
  try {
    const { result } = await xrplCall(chain(), "account_info", (c) => c.request({ command: "account_info", account: address, ledger_index: "validated" }));
    return BigInt(result.account_data.Balance);
  } catch (err) {
    if (isNotFound(err)) return 0n;
    throw err;
  }
}

/** The next sequence as of the open ledger (what the ledger has taken, validated or not). */
async function sequenceOf(address: string): Promise<number> {
  const { result } = await xrplCall(chain(), "account_info", (c) => c.request({ command: "account_info", account: address, ledger_index: "current" }));
  return result.account_data.Sequence;
}

/** Closes ledgers (ledger_accept, as anyone may on the dev ledger) until one after `index` is validated. */
async function closeLedgersPast(index: number) {
  for (;;) {
    await xrplCall(chain(), "ledger_accept", (c) => c.request({ command: "ledger_accept" } as never));
    const { result } = await xrplCall(chain(), "ledger_closed", (c) => c.request({ command: "ledger_closed" }));
    if (result.ledger_index > index) return;
  }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the payment to fail");
}

/** Records a payment and stops right after, as a crash would: signed and stored, never submitted. */
async function recordOnly(p: TXrplPayment) {
  const stop = onXrplSendPhase((phase, info) => {
    if (phase === "recorded" && info.intentKey === p.intentKey) throw new Error("simulated crash after recording");
  });
  try {
    await expect(sendXrpPaymentOnce(p)).rejects.toThrow("simulated crash after recording");
  } finally {
    stop();
  }
  const row = await db.chainTransaction.findUniqueOrThrow({ where: { intentKey: p.intentKey } });
  expect(row.status).toBe("SIGNED");
  return row;
}

function runAndCrash(config: TXrplCrashConfig) {
  return new Promise<NodeJS.Signals | number | null>((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "tests/support/crash-during-xrpl-send.ts"], {
      cwd: root,
      env: { ...process.env, XRPL_CRASH_CONFIG: JSON.stringify(config), NODE_ENV: "test" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code, signal) => resolve(signal ?? code));
  });
}

describe("[XRPL][EXACTLY-ONCE]: sendXrpPaymentOnce pays each intent once", () => {
  it("delivers the amount once; the same intent key again returns the same payment and pays nothing more", async () => {
    const destination = devXrplWallet("test-1").address;
    const key = intent("once");
    const [destinationBefore, senderBefore, sequenceBefore] = await Promise.all([dropsOf(destination), dropsOf(sender.address), sequenceOf(sender.address)]);

    const paid = await sendXrpPaymentOnce(payment({ intentKey: key, destination, amountDrops: "12345678", destinationTag: 7, memo: "faucet grant ✓" }));
    expect(paid).toMatchObject({ chain: "xrpl", from: sender.address, sequence: sequenceBefore, deliveredDrops: "12345678" });
    expect(paid.txHash).toMatch(/^[0-9A-F]{64}$/);

    const row = await db.chainTransaction.findUniqueOrThrow({ where: { intentKey: key } });
    expect(row).toMatchObject({
      chain: "xrpl",
      purpose: "test.xrpl-send",
      status: "CONFIRMED",
      txHash: paid.txHash,
      fromAddress: sender.address,
      toAddress: destination,
      nonce: BigInt(sequenceBefore),
      blockNumber: BigInt(paid.ledgerIndex),
      attempts: 1,
      error: null,
    });
    expect(row.confirmedAt).toBeInstanceOf(Date);
    const fee = BigInt((decode(row.signedTx) as { Fee: string }).Fee);
    expect(await dropsOf(destination)).toBe(destinationBefore + 12_345_678n);
    expect(await dropsOf(sender.address)).toBe(senderBefore - 12_345_678n - fee);

    // The ledger holds what was asked for: tag, memo, and the last ledger it could have entered.
    const { result } = await xrplCall(chain(), "tx", (c) => c.request({ command: "tx", transaction: paid.txHash }));
    expect(result).toMatchObject({ validated: true, ledger_index: paid.ledgerIndex, meta: { TransactionResult: "tesSUCCESS", delivered_amount: "12345678" } });
    expect(result.tx_json).toMatchObject({ DestinationTag: 7, Sequence: sequenceBefore });
    expect(convertHexToString(result.tx_json.Memos![0]!.Memo.MemoData!)).toBe("faucet grant ✓");
    expect(result.tx_json.LastLedgerSequence).toBeGreaterThanOrEqual(paid.ledgerIndex);

    // Again with the same intent: the same answer, nothing signed or sent.
    expect(await sendXrpPaymentOnce(payment({ intentKey: key, destination, amountDrops: "12345678", destinationTag: 7, memo: "faucet grant ✓" }))).toEqual(paid);
    expect(await sequenceOf(sender.address)).toBe(sequenceBefore + 1);
    expect(await dropsOf(destination)).toBe(destinationBefore + 12_345_678n);
    expect(await db.chainTransaction.count({ where: { intentKey: key } })).toBe(1);

    // The same key for another payment is a caller's bug, not a retry, and not "nothing was paid".
    const reused = await failure(sendXrpPaymentOnce(payment({ intentKey: key, destination, amountDrops: "99" })));
    expect(reused.message).toMatch(/already used for a different payment/);
    expect(reused).not.toBeInstanceOf(OperationError);
    expect(await sequenceOf(sender.address)).toBe(sequenceBefore + 1);
  });

  it("10 payments at once from one wallet: 10 distinct sequences, all validated, exactly 10× the amount delivered", async () => {
    const destination = Wallet.generate().address;
    const sequenceBefore = await sequenceOf(sender.address);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => sendXrpPaymentOnce(payment({ intentKey: intent(`burst-${i}`), destination, amountDrops: "15000000" }))));
    const sequences = results.map((r) => r.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 10 }, (_, i) => sequenceBefore + i));
    expect(new Set(results.map((r) => r.txHash)).size).toBe(10);
    expect(results.every((r) => r.deliveredDrops === "15000000")).toBe(true);
    expect(await dropsOf(destination)).toBe(150_000_000n);
    expect(await sequenceOf(sender.address)).toBe(sequenceBefore + 10);
    const rows = await db.chainTransaction.findMany({ where: { intentKey: { startsWith: intent("burst-") } } });
    expect(rows.map((r) => r.status)).toEqual(Array(10).fill("CONFIRMED"));
  });
});

describe("[XRPL][CRASH]: a process killed mid-payment never pays twice", () => {
  for (const phase of ["recorded", "submitted"] as const) {
    it(`killed after the payment was ${phase}: calling again with the same intent key finishes it, paid exactly once`, async () => {
      const destination = Wallet.generate().address;
      const key = intent(`crash-${phase}`);
      const amountDrops = "21000000";
      const sequenceBefore = await sequenceOf(sender.address);
      const config: TXrplCrashConfig = { databaseUrl: process.env.DATABASE_URL!, wsUrl: chains().xrpl.url, seed: sender.seed!, destination, amountDrops, intentKey: key, phase };

      // tsx relays the child's SIGKILL as exit code 137 (128 + 9).
      expect(["SIGKILL", 137]).toContain(await runAndCrash(config));

      const row = await db.chainTransaction.findUniqueOrThrow({ where: { intentKey: key } });
      expect(row).toMatchObject({ status: phase === "recorded" ? "SIGNED" : "SUBMITTED", fromAddress: sender.address, toAddress: destination, nonce: BigInt(sequenceBefore) });
      // Killed before the submit: the ledger never saw it. After it: the one payment is in.
      expect(await sequenceOf(sender.address)).toBe(phase === "recorded" ? sequenceBefore : sequenceBefore + 1);

      const finished = await sendXrpPaymentOnce(payment({ intentKey: key, destination, amountDrops }));
      expect(finished).toMatchObject({ txHash: row.txHash, sequence: sequenceBefore, deliveredDrops: amountDrops });
      expect(await sendXrpPaymentOnce(payment({ intentKey: key, destination, amountDrops }))).toEqual(finished);

      expect(await dropsOf(destination)).toBe(21_000_000n);
      expect(await sequenceOf(sender.address)).toBe(sequenceBefore + 1);
      expect(await db.chainTransaction.findUniqueOrThrow({ where: { intentKey: key } })).toMatchObject({ status: "CONFIRMED", txHash: row.txHash, blockNumber: BigInt(finished.ledgerIndex) });
    }, 60_000);
  }
});

describe("[XRPL][NEVER-SENT]: a recorded payment that can no longer get in ends FAILED, having paid nothing", () => {
  it("past its last ledger: a new payment is not held behind it but takes its sequence; resuming it says it expired unsent", async () => {
    const destination = Wallet.generate().address;
    const staleKey = intent("stale");
    const stale = await recordOnly(payment({ intentKey: staleKey, destination, amountDrops: "30000000" }));
    const { LastLedgerSequence } = decode(stale.signedTx) as { LastLedgerSequence: number };
    await closeLedgersPast(LastLedgerSequence);

    const fresh = await sendXrpPaymentOnce(payment({ intentKey: intent("after-stale"), destination, amountDrops: "12000000" }));
    expect(fresh.sequence).toBe(Number(stale.nonce));

    const expired = await failure(sendXrpPaymentOnce(payment({ intentKey: staleKey, destination, amountDrops: "30000000" })));
    expect(expired).toBeInstanceOf(OperationError);
    expect(expired).toMatchObject({ code: "FAILED", message: expect.stringMatching(/expired unsent.*Nothing was paid/) });
    expect(await db.chainTransaction.findUniqueOrThrow({ where: { intentKey: staleKey } })).toMatchObject({ status: "FAILED", error: expired.message });
    expect(await dropsOf(destination)).toBe(12_000_000n);
    // Final: asking again gives the same answer without asking the ledger.
    expect((await failure(sendXrpPaymentOnce(payment({ intentKey: staleKey, destination, amountDrops: "30000000" })))).message).toBe(expired.message);
  }, 60_000);

  it("its sequence used by another transaction: FAILED, nothing paid", async () => {
    const destination = Wallet.generate().address;
    const key = intent("sequence-taken");
    const recorded = await recordOnly(payment({ intentKey: key, destination, amountDrops: "25000000" }));
    // Someone else signs with the same wallet outside OpsDeck and takes the next sequence.
    await submitDirect(sender, { TransactionType: "AccountSet", Account: sender.address });
    expect(await sequenceOf(sender.address)).toBe(Number(recorded.nonce) + 1);

    const lost = await failure(sendXrpPaymentOnce(payment({ intentKey: key, destination, amountDrops: "25000000" })));
    expect(lost).toMatchObject({ code: "FAILED", message: expect.stringMatching(new RegExp(`another transaction used sequence ${recorded.nonce}`)) });
    expect(await db.chainTransaction.findUniqueOrThrow({ where: { intentKey: key } })).toMatchObject({ status: "FAILED" });
    expect(await dropsOf(destination)).toBe(0n);
  }, 30_000);

  it("the ledger takes the payment but refuses it (tecDST_TAG_NEEDED): FAILED with the code, only the fee spent, nothing delivered", async () => {
    const receiver = await fundedWallet(50);
    const key = intent("tec");
    let receiverBefore = 0n;
    // Between OpsDeck's checks and the submit, the destination starts requiring a tag.
    const stop = onXrplSendPhase(async (phase, info) => {
      if (phase !== "recorded" || info.intentKey !== key) return;
      await submitDirect(receiver, { TransactionType: "AccountSet", Account: receiver.address, SetFlag: AccountSetAsfFlags.asfRequireDest });
      receiverBefore = await dropsOf(receiver.address);
    });
    const senderBefore = await dropsOf(sender.address);
    let refused: Error;
    try {
      refused = await failure(sendXrpPaymentOnce(payment({ intentKey: key, destination: receiver.address, amountDrops: "5000000" })));
    } finally {
      stop();
    }
    expect(refused).toBeInstanceOf(OperationError);
    expect(refused).toMatchObject({ code: "FAILED", message: expect.stringMatching(/with tecDST_TAG_NEEDED .*the fee was spent, nothing was delivered/) });
    const row = await db.chainTransaction.findUniqueOrThrow({ where: { intentKey: key } });
    expect(row).toMatchObject({ status: "FAILED", error: refused.message });
    expect(row.blockNumber).not.toBeNull();
    const fee = BigInt((decode(row.signedTx) as { Fee: string }).Fee);
    expect(await dropsOf(sender.address)).toBe(senderBefore - fee);
    expect(await dropsOf(receiver.address)).toBe(receiverBefore);

    // Final: the same intent again neither signs nor spends anything.
    expect((await failure(sendXrpPaymentOnce(payment({ intentKey: key, destination: receiver.address, amountDrops: "5000000" })))).message).toBe(refused.message);
    expect(await dropsOf(sender.address)).toBe(senderBefore - fee);
  }, 30_000);
});

describe("[XRPL][REFUSED]: what the ledger would refuse anyway is refused before anything is recorded", () => {
  it("above what the wallet can spend: FAILED, no record, nothing delivered; of two that together exceed it, one is paid", async () => {
    const poor = await fundedWallet(50);
    const destination = devXrplWallet("test-2").address;
    const destinationBefore = await dropsOf(destination);
    const sequenceBefore = await sequenceOf(poor.address);

    const tooMuch = intent("too-much");
    const refused = await failure(sendXrpPaymentOnce(payment({ seed: poor.seed!, intentKey: tooMuch, destination, amountDrops: xrpToDrops(100) })));
    expect(refused).toBeInstanceOf(OperationError);
    // 50 XRP minus the 10 XRP reserve.
    expect(refused).toMatchObject({ code: "FAILED", message: expect.stringMatching(new RegExp(`^Nothing was sent: ${poor.address} can spend 40 XRP, and this payment needs 100\\.00001 XRP`)) });
    expect(await db.chainTransaction.count({ where: { intentKey: tooMuch } })).toBe(0);

    // 30 + 30 XRP from 40 spendable: the first one's XRP counts while it is in flight.
    const keys = [intent("half-a"), intent("half-b")];
    const outcomes = await Promise.allSettled(keys.map((intentKey) => sendXrpPaymentOnce(payment({ seed: poor.seed!, intentKey, destination, amountDrops: xrpToDrops(30) }))));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "FAILED", message: expect.stringMatching(/^Nothing was sent: .* can spend/) });
    expect(await db.chainTransaction.count({ where: { intentKey: { in: keys } } })).toBe(1);

    expect(await dropsOf(destination)).toBe(destinationBefore + 30_000_000n);
    expect(await sequenceOf(poor.address)).toBe(sequenceBefore + 1);
  }, 30_000);

  it("a malformed address, a bad amount, tag or seed, paying oneself, an under-reserve first payment: refused, no record", async () => {
    const good = { destination: devXrplWallet("test-3").address, amountDrops: "1000000" };
    const cases: Array<[string, Partial<TXrplPayment>, string, RegExp]> = [
      ["malformed address", { destination: "rNotAnXrplAddress" }, "INVALID_INPUT", /not a valid XRPL classic address/],
      ["address with a broken checksum", { destination: `${good.destination.slice(0, -1)}${good.destination.endsWith("a") ? "b" : "a"}` }, "INVALID_INPUT", /not a valid XRPL classic address/],
      ["an X-address", { destination: "X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ" }, "INVALID_INPUT", /not a valid XRPL classic address/],
      ["zero drops", { amountDrops: "0" }, "INVALID_INPUT", /positive whole number of drops/],
      ["fractional drops", { amountDrops: "1.5" }, "INVALID_INPUT", /positive whole number of drops/],
      ["negative tag", { destinationTag: -1 }, "INVALID_INPUT", /destination tag/],
      ["oversized memo", { memo: "x".repeat(600) }, "INVALID_INPUT", /memo is longer/],
      ["itself", { destination: sender.address }, "INVALID_INPUT", /cannot pay itself/],
      ["bad seed", { seed: "sNotARealSeedAtAll" }, "FAILED", /seed is not a valid XRPL seed/],
      ["below the reserve to a new account", { destination: Wallet.generate().address, amountDrops: "9999999" }, "FAILED", /^Nothing was sent: .* does not exist yet/],
    ];
    const sequenceBefore = await sequenceOf(sender.address);
    for (const [name, overrides, code, message] of cases) {
      const key = intent(`refused:${name}`);
      const err = await failure(sendXrpPaymentOnce(payment({ intentKey: key, ...good, ...overrides })));
      expect(err, name).toBeInstanceOf(OperationError);
      expect(err, name).toMatchObject({ code, message: expect.stringMatching(message) });
      expect(err.message, name).not.toContain("sNotARealSeedAtAll");
      expect(await db.chainTransaction.count({ where: { intentKey: key } }), name).toBe(0);
    }
    expect(await sequenceOf(sender.address)).toBe(sequenceBefore);
  });
});

describe("[XRPL][UNREACHABLE]: the ledger does not answer", () => {
  const dead = createXrplChain({ name: "Dead XRPL", primaryUrl: "ws://127.0.0.1:9", timeoutMs: 1_000 });
  afterAll(() => closeXrplClients(dead));

  it("before anything is recorded: a plain failure, nothing recorded", async () => {
    const key = intent("dead-before");
    const err = await failure(sendXrpPaymentOnce(payment({ chain: dead, intentKey: key, destination: devXrplWallet("test-1").address, amountDrops: "1000000" })));
    expect(err).toBeInstanceOf(OperationError);
    expect(err).toMatchObject({ code: "FAILED", message: expect.stringMatching(/^Nothing was sent: Dead XRPL unreachable/) });
    expect(await db.chainTransaction.count({ where: { intentKey: key } })).toBe(0);
  });

  it("after it is recorded: still pending, not failed; the same intent finishes once the ledger answers", async () => {
    const destination = Wallet.generate().address;
    const key = intent("dead-after");
    const p = payment({ intentKey: key, destination, amountDrops: "11000000" });
    const recorded = await recordOnly(p);

    const pending = await failure(sendXrpPaymentOnce({ ...p, chain: dead }));
    expect(pending).toBeInstanceOf(StillPendingError);
    expect(pending.message).toContain(recorded.txHash);
    expect(await db.chainTransaction.findUniqueOrThrow({ where: { intentKey: key } })).toMatchObject({ status: "SIGNED", error: null });

    const finished = await sendXrpPaymentOnce(p);
    expect(finished).toMatchObject({ txHash: recorded.txHash, sequence: Number(recorded.nonce) });
    expect(await dropsOf(destination)).toBe(11_000_000n);
  }, 30_000);
});

describe("[XRPL][SECRETS]: the seed stays in memory", () => {
  it("never appears in a stored row (signed blob, hash, error) or an error message", async () => {
    const secrets = [sender.seed!, sender.privateKey, sender.privateKey.slice(2), Buffer.from(decodeSeed(sender.seed!).bytes).toString("hex")].map((s) => s.toUpperCase());
    const messages: string[] = [];
    await sendXrpPaymentOnce(payment({ intentKey: intent("secret-ok"), destination: devXrplWallet("test-1").address, amountDrops: "1000000", memo: "no secrets" }));
    messages.push((await failure(sendXrpPaymentOnce(payment({ intentKey: intent("secret-too-much"), destination: devXrplWallet("test-1").address, amountDrops: xrpToDrops(1_000_000) })))).message);
    messages.push((await failure(sendXrpPaymentOnce(payment({ intentKey: intent("secret-bad-address"), destination: sender.seed!, amountDrops: "1000000" })))).message);

    const rows = await db.chainTransaction.findMany({ where: { fromAddress: sender.address } });
    expect(rows.length).toBeGreaterThan(0);
    const stored = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
    for (const text of [...stored, ...messages]) {
      for (const secret of secrets) expect(text.toUpperCase()).not.toContain(secret);
    }
    // The blob carries the public key and a signature, which is all the ledger needs.
    for (const row of rows) expect(decode(row.signedTx)).toMatchObject({ Account: sender.address, SigningPubKey: sender.publicKey });
  });
});
