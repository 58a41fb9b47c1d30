import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  Client,
  decode,
  ECDSA,
  encode,
  hashes,
  RippledError,
  Wallet,
  xrpToDrops,
  type LedgerStream,
  type Payment,
  type SubmittableTransaction,
  type Transaction,
  type TransactionStream,
} from "xrpl";
import { startXrplDevLedger, type TXrplDevLedger } from "@/devchains/xrpl/server";

// The dev ledger is checked through xrpl.js itself: if the library OpsDeck uses can connect,
// autofill, sign, submit and wait against it, the ledger answers like rippled where it matters.

let chain: TXrplDevLedger;
let client: Client;
let genesis: Wallet;

beforeAll(async () => {
  chain = await startXrplDevLedger({ closeIntervalMs: 300 });
  client = new Client(chain.url);
  await client.connect();
  genesis = Wallet.fromSeed(chain.genesis.seed);
});

afterAll(async () => {
  await client?.disconnect();
  await chain?.close();
});

async function signBlob(wallet: Wallet, tx: SubmittableTransaction, on = client) {
  return wallet.sign(await on.autofill(tx)).tx_blob;
}

/** Submits a signed blob, closes the ledger and returns submit's answer. */
async function submitAndClose(blob: string, on = client, dev = chain) {
  const { result } = await on.submit(blob);
  await dev.closeLedger();
  return result;
}

function pay(from: Wallet, to: string, xrp: number): Payment {
  return { TransactionType: "Payment", Account: from.address, Destination: to, Amount: xrpToDrops(xrp) };
}

async function fund(xrp: number, wallet = Wallet.generate(), on = client, dev = chain) {
  const result = await submitAndClose(await signBlob(genesis, pay(genesis, wallet.address, xrp), on), on, dev);
  expect(result.engine_result).toBe("tesSUCCESS");
  return wallet;
}

async function dropsOf(address: string, on = client) {
  const { result } = await on.request({ command: "account_info", account: address, ledger_index: "validated" });
  return BigInt(result.account_data.Balance);
}

async function rippledError(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RippledError);
  return (error as RippledError).data as Record<string, unknown>;
}

describe("[XRPL][DEV-LEDGER]: answers like a standalone rippled", () => {
  it("starts from a genesis ledger that gives all 100 billion XRP to the master account", async () => {
    expect(await client.getXrpBalance(genesis.address)).toBe(100_000_000_000);
    const { result } = await client.request({ command: "ledger", ledger_index: "validated" });
    expect(result.ledger.total_coins).toBe("100000000000000000");
    expect(result.ledger_hash).toMatch(/^[0-9A-F]{64}$/);
    const parent = await client.request({ command: "ledger", ledger_hash: result.ledger.parent_hash });
    expect(parent.result.ledger_index).toBe(result.ledger_index - 1);
  });

  it("reports a full, validated server with standalone fees and reserves, and no network id", async () => {
    const { info } = (await client.request({ command: "server_info" })).result;
    expect(info).toMatchObject({ server_state: "full", peers: 0, load_factor: 1 });
    expect(info.validated_ledger).toMatchObject({ base_fee_xrp: 0.00001, reserve_base_xrp: 10, reserve_inc_xrp: 2 });
    expect(info.network_id).toBeUndefined();
    expect(client.networkID).toBeUndefined();
    const { state } = (await client.request({ command: "server_state" })).result;
    expect(state.validated_ledger).toMatchObject({ base_fee: 10, reserve_base: 10_000_000, reserve_inc: 2_000_000 });
  });

  it("funds a new account with submitAndWait, taking the fee from the sender and creating the account at the ledger's index", async () => {
    const wallet = Wallet.generate(ECDSA.secp256k1);
    const before = await dropsOf(genesis.address);
    const { result } = await client.submitAndWait(pay(genesis, wallet.address, 1000), { wallet: genesis });

    expect(result.validated).toBe(true);
    expect(result.meta).toMatchObject({ TransactionResult: "tesSUCCESS", delivered_amount: "1000000000" });
    expect(await client.getXrpBalance(wallet.address)).toBe(1000);
    expect(await dropsOf(genesis.address)).toBe(before - 1_000_000_000n - BigInt(result.tx_json.Fee!));

    const info = (await client.request({ command: "account_info", account: wallet.address, ledger_index: "validated" })).result;
    expect(info.account_data).toMatchObject({ LedgerEntryType: "AccountRoot", OwnerCount: 0, Flags: 0, Sequence: result.ledger_index });
    expect(info.account_data).toMatchObject({ PreviousTxnID: result.hash, PreviousTxnLgrSeq: result.ledger_index, index: hashes.hashAccountRoot(wallet.address) });

    const tx = (await client.request({ command: "tx", transaction: result.hash })).result;
    expect(tx).toMatchObject({ hash: result.hash, validated: true, ledger_index: result.ledger_index });
    expect(tx).toMatchObject({ ledger_hash: expect.stringMatching(/^[0-9A-F]{64}$/) });
    expect(tx.tx_json).toMatchObject({ DeliverMax: "1000000000", Destination: wallet.address });
    expect(tx.tx_json).not.toHaveProperty("Amount");
  });

  it("lets an ed25519 wallet receive and pay", async () => {
    const wallet = await fund(100, Wallet.generate(ECDSA.ed25519));
    const friend = await fund(20);
    const { result } = await client.submitAndWait(pay(wallet, friend.address, 30), { wallet });
    expect(result.meta).toMatchObject({ TransactionResult: "tesSUCCESS" });
    expect(await dropsOf(friend.address)).toBe(50_000_000n);
    expect(await dropsOf(wallet.address)).toBe(70_000_000n - BigInt(result.tx_json.Fee!));
  });

  it("stores AccountSet flags, and a required destination tag turns away untagged payments", async () => {
    const wallet = await fund(50);
    const { result } = await client.submitAndWait({ TransactionType: "AccountSet", Account: wallet.address, SetFlag: 1 }, { wallet });
    expect(result.meta).toMatchObject({ TransactionResult: "tesSUCCESS" });
    expect((await submitAndClose(await signBlob(wallet, { TransactionType: "AccountSet", Account: wallet.address, SetFlag: 3 }))).engine_result).toBe("tesSUCCESS");

    const info = (await client.request({ command: "account_info", account: wallet.address, ledger_index: "validated" })).result;
    expect(info.account_flags).toMatchObject({ requireDestinationTag: true, disallowIncomingXRP: true, depositAuth: false });
    const untagged = await submitAndClose(await signBlob(genesis, pay(genesis, wallet.address, 5)));
    expect(untagged).toMatchObject({ engine_result: "tecDST_TAG_NEEDED", engine_result_code: 143 });
    const tagged = await submitAndClose(await signBlob(genesis, { ...pay(genesis, wallet.address, 5), DestinationTag: 7 }));
    expect(tagged.engine_result).toBe("tesSUCCESS");
  });

  it("pages account_tx newest first with a marker, oldest first with forward, within a ledger range", async () => {
    const wallet = await fund(100);
    for (let i = 0; i < 3; i++) {
      // Two payments per close (unless the timer splits them), so markers also point inside a ledger.
      const first = await signBlob(wallet, pay(wallet, genesis.address, 1));
      await client.submit(first);
      const second = await signBlob(wallet, pay(wallet, genesis.address, 1));
      expect((await submitAndClose(second)).engine_result).toBe("tesSUCCESS");
    }
    const all = (await client.request({ command: "account_tx", account: wallet.address })).result.transactions;
    expect(all).toHaveLength(7);
    expect(all.map((t) => t.ledger_index)).toEqual([...all.map((t) => t.ledger_index!)].sort((a, b) => b - a));
    expect(all[0]).toMatchObject({ validated: true, tx_json: { TransactionType: "Payment", DeliverMax: "1000000" } });
    expect(Object.keys(all[0]!).sort()).toEqual(["close_time_iso", "hash", "ledger_hash", "ledger_index", "meta", "tx_json", "validated"]);

    const paged: string[] = [];
    let marker: unknown;
    do {
      const page = (await client.request({ command: "account_tx", account: wallet.address, limit: 2, marker })).result;
      expect(page.transactions.length).toBeLessThanOrEqual(2);
      paged.push(...page.transactions.map((t) => t.hash!));
      marker = page.marker;
    } while (marker);
    expect(paged).toEqual(all.map((t) => t.hash));

    const forward = (await client.request({ command: "account_tx", account: wallet.address, forward: true })).result.transactions;
    expect(forward.map((t) => t.hash)).toEqual([...paged].reverse());
    const fundingLedger = forward[0]!.ledger_index!;
    const ranged = (await client.request({ command: "account_tx", account: wallet.address, ledger_index_min: fundingLedger, ledger_index_max: fundingLedger })).result;
    expect(ranged.transactions.map((t) => t.hash)).toEqual([forward[0]!.hash]);
  });

  it("streams ledgerClosed and validated transactions to subscribers", async () => {
    const ledgers: LedgerStream[] = [];
    const transactions: TransactionStream[] = [];
    client.on("ledgerClosed", (l) => ledgers.push(l));
    client.on("transaction", (t) => transactions.push(t));
    const { result } = await client.request({ command: "subscribe", streams: ["ledger", "transactions"] });
    expect(result).toMatchObject({ fee_base: 10, reserve_base: 10_000_000, reserve_inc: 2_000_000 });

    // A second connection watches only the destination account.
    const destination = Wallet.generate().address;
    const watcher = new Client(chain.url);
    await watcher.connect();
    const watched: TransactionStream[] = [];
    watcher.on("transaction", (t) => watched.push(t));
    await watcher.request({ command: "subscribe", accounts: [destination] });

    const blob = await signBlob(genesis, pay(genesis, destination, 25));
    await submitAndClose(blob);
    const hash = hashes.hashSignedTx(blob);
    await vi.waitFor(() => expect(transactions.some((t) => t.hash === hash)).toBe(true), { timeout: 2000 });
    await vi.waitFor(() => expect(watched.map((t) => t.hash)).toEqual([hash]), { timeout: 2000 });
    await watcher.disconnect();
    const message = transactions.find((t) => t.hash === hash)!;
    expect(message).toMatchObject({ type: "transaction", engine_result: "tesSUCCESS", validated: true, meta: { delivered_amount: "25000000" } });
    const closed = ledgers.find((l) => l.ledger_index === message.ledger_index)!;
    expect(closed).toMatchObject({ type: "ledgerClosed", fee_base: 10, reserve_base: 10_000_000, reserve_inc: 2_000_000, ledger_hash: message.ledger_hash });
    expect(closed.txn_count).toBeGreaterThanOrEqual(1);
    expect(closed.validated_ledgers).toMatch(/^1-\d+$/);
    await client.request({ command: "unsubscribe", streams: ["ledger", "transactions"] });
  });
});

describe("[XRPL][DEV-LEDGER]: refuses transactions the way rippled does", () => {
  it("accepts a regular key once set, and refuses the master key after it is disabled", async () => {
    const wallet = await fund(40);
    const regular = Wallet.generate();
    const setKey = await signBlob(wallet, { TransactionType: "SetRegularKey", Account: wallet.address, RegularKey: regular.address });
    expect((await submitAndClose(setKey)).engine_result).toBe("tesSUCCESS");
    expect((await submitAndClose(await signBlob(regular, pay(wallet, genesis.address, 1)))).engine_result).toBe("tesSUCCESS");
    const disableMaster = await signBlob(wallet, { TransactionType: "AccountSet", Account: wallet.address, SetFlag: 4 });
    expect((await submitAndClose(disableMaster)).engine_result).toBe("tesSUCCESS");
    expect(await submitAndClose(await signBlob(wallet, pay(wallet, genesis.address, 1)))).toMatchObject({ engine_result: "tefMASTER_DISABLED" });
  });

  it("rejects an old sequence with tefPAST_SEQ and holds back a future one with terPRE_SEQ, moving nothing", async () => {
    const wallet = await fund(50);
    const { Sequence } = await client.autofill(pay(wallet, genesis.address, 1));
    expect((await submitAndClose(await signBlob(wallet, pay(wallet, genesis.address, 1)))).engine_result).toBe("tesSUCCESS");
    const balance = await dropsOf(wallet.address);

    const past = await submitAndClose(await signBlob(wallet, { ...pay(wallet, genesis.address, 2), Sequence }));
    expect(past).toMatchObject({ engine_result: "tefPAST_SEQ", engine_result_code: -190, applied: false });
    const futureBlob = await signBlob(wallet, { ...pay(wallet, genesis.address, 2), Sequence: Sequence! + 5 });
    const future = await submitAndClose(futureBlob);
    expect(future).toMatchObject({ engine_result: "terPRE_SEQ", engine_result_code: -92, applied: false });
    expect(await dropsOf(wallet.address)).toBe(balance);
    expect((await rippledError(client.request({ command: "tx", transaction: hashes.hashSignedTx(futureBlob) }))).error).toBe("txnNotFound");
  });

  it("answers tecUNFUNDED_PAYMENT for a payment into the reserve: the fee is claimed, nothing else moves", async () => {
    const wallet = await fund(20);
    const friend = await fund(20);
    const blob = await signBlob(wallet, pay(wallet, friend.address, 15));
    const result = await submitAndClose(blob);
    expect(result).toMatchObject({ engine_result: "tecUNFUNDED_PAYMENT", engine_result_code: 104, applied: true });
    expect(await dropsOf(wallet.address)).toBe(20_000_000n - BigInt(decode(blob).Fee as string));
    expect(await dropsOf(friend.address)).toBe(20_000_000n);
    const tx = (await client.request({ command: "tx", transaction: hashes.hashSignedTx(blob) })).result;
    expect(tx.meta).toMatchObject({ TransactionResult: "tecUNFUNDED_PAYMENT" });
    expect(tx.meta).not.toHaveProperty("delivered_amount");
  });

  it("answers tecNO_DST_INSUF_XRP when a payment is too small to create its destination", async () => {
    const fresh = Wallet.generate();
    const result = await submitAndClose(await signBlob(genesis, pay(genesis, fresh.address, 1)));
    expect(result).toMatchObject({ engine_result: "tecNO_DST_INSUF_XRP", engine_result_code: 125 });
    expect((await rippledError(client.getXrpBalance(fresh.address))).error).toBe("actNotFound");
  });

  it("answers temBAD_SIGNATURE for a signature that does not match its key, and tefBAD_AUTH for another account's key", async () => {
    const owner = await fund(30);
    const stranger = Wallet.generate();
    const signedByStranger = await signBlob(stranger, pay(owner, genesis.address, 1));
    const forged = encode({ ...decode(signedByStranger), SigningPubKey: owner.publicKey } as unknown as Transaction);
    expect((await submitAndClose(forged))).toMatchObject({ engine_result: "temBAD_SIGNATURE", engine_result_code: -282, applied: false });
    await expect(client.submitAndWait(forged)).rejects.toThrow(/temBAD_SIGNATURE/);
    expect(await submitAndClose(signedByStranger)).toMatchObject({ engine_result: "tefBAD_AUTH", engine_result_code: -196 });
    expect(await dropsOf(owner.address)).toBe(30_000_000n);
  });

  it("answers telINSUF_FEE_P, tefMAX_LEDGER, temREDUNDANT and temDISABLED without touching the ledger", async () => {
    const wallet = await fund(30);
    const validated = await client.getLedgerIndex();
    const cases: Array<[Payment, string]> = [
      [{ ...pay(wallet, genesis.address, 1), Fee: "5" }, "telINSUF_FEE_P"],
      [{ ...pay(wallet, genesis.address, 1), LastLedgerSequence: validated }, "tefMAX_LEDGER"],
      [pay(wallet, wallet.address, 1), "temREDUNDANT"],
      [{ ...pay(wallet, genesis.address, 1), Amount: { currency: "USD", issuer: genesis.address, value: "1" } }, "temDISABLED"],
    ];
    for (const [tx, expected] of cases) expect((await client.submit(await signBlob(wallet, tx))).result.engine_result).toBe(expected);
    await chain.closeLedger();
    expect(await dropsOf(wallet.address)).toBe(30_000_000n);
  });

  it("never moves money twice for the same signed blob", async () => {
    const wallet = await fund(40);
    const friend = await fund(20);
    const blob = await signBlob(wallet, pay(wallet, friend.address, 5));
    expect((await client.submit(blob)).result.engine_result).toBe("tesSUCCESS");
    expect(["tefPAST_SEQ", "tefALREADY"]).toContain((await client.submit(blob)).result.engine_result);
    await chain.closeLedger();
    expect((await submitAndClose(blob)).engine_result).toBe("tefPAST_SEQ");
    expect(await dropsOf(friend.address)).toBe(25_000_000n);
    const history = (await client.request({ command: "account_tx", account: friend.address })).result.transactions;
    expect(history.filter((t) => t.hash === hashes.hashSignedTx(blob))).toHaveLength(1);
  });

  it("fails requests with rippled's error shape: actNotFound, txnNotFound, lgrNotFound, invalidParams, unknownCmd, invalidTransaction", async () => {
    const unfunded = Wallet.generate().address;
    const notFound = await rippledError(client.request({ command: "account_info", account: unfunded }));
    expect(notFound).toMatchObject({ status: "error", type: "response", error: "actNotFound", error_code: 19, error_message: "Account not found." });
    expect(notFound).toMatchObject({ account: unfunded, validated: false, request: { command: "account_info", account: unfunded } });
    expect(notFound.id).toBeDefined();

    const missingTx = await rippledError(client.request({ command: "tx", transaction: "A".repeat(64) }));
    expect(missingTx).toMatchObject({ error: "txnNotFound", error_code: 29, error_message: "Transaction not found." });
    const missingLedger = await rippledError(client.request({ command: "ledger", ledger_index: 10_000_000 }));
    expect(missingLedger).toMatchObject({ error: "lgrNotFound", error_code: 21 });
    const noAccount = await rippledError(client.request({ command: "account_info" } as never));
    expect(noAccount).toMatchObject({ error: "invalidParams", error_code: 31, error_message: "Missing field 'account'." });
    const unknown = await rippledError(client.request({ command: "no_such_method" } as never));
    expect(unknown).toMatchObject({ error: "unknownCmd", error_code: 32, error_message: "Unknown method." });
    const garbage = await rippledError(client.request({ command: "submit", tx_blob: "DEADBEEF" }));
    expect(garbage).toMatchObject({ error: "invalidTransaction", status: "error" });
  });
});

describe("[XRPL][DEV-LEDGER]: extra endpoints and restarts", () => {
  it("serves the same ledger on a fallback endpoint that keeps answering when the primary closes, and keeps it across restarts", async () => {
    const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xrpl-dev-ledger-")), "ledger.json");
    const primary = await startXrplDevLedger({ closeIntervalMs: 0, stateFile });
    const fallback = await primary.openEndpoint();
    const onPrimary = new Client(primary.url);
    const onFallback = new Client(fallback.url);
    await Promise.all([onPrimary.connect(), onFallback.connect()]);
    try {
      const wallet = await fund(123, Wallet.generate(), onPrimary, primary);
      expect(await onFallback.getXrpBalance(wallet.address)).toBe(123);

      await primary.closeEndpoint(primary.port);
      await vi.waitFor(() => expect(onPrimary.isConnected()).toBe(false));
      const blob = await signBlob(wallet, pay(wallet, genesis.address, 3), onFallback);
      expect((await submitAndClose(blob, onFallback, primary)).engine_result).toBe("tesSUCCESS");
      const validated = (await onFallback.request({ command: "ledger", ledger_index: "validated" })).result;
      await onFallback.disconnect();
      await primary.close();

      const restarted = await startXrplDevLedger({ closeIntervalMs: 0, stateFile });
      const again = new Client(restarted.url);
      await again.connect();
      try {
        expect(await again.getXrpBalance(wallet.address)).toBe(120 - Number(decode(blob).Fee) / 1_000_000);
        const same = (await again.request({ command: "ledger", ledger_index: validated.ledger_index })).result;
        expect(same.ledger_hash).toBe(validated.ledger_hash);
        expect((await again.request({ command: "tx", transaction: hashes.hashSignedTx(blob) })).result.validated).toBe(true);
        expect(await restarted.closeLedger()).toBe(validated.ledger_index + 1);
      } finally {
        await again.disconnect();
        await restarted.close();
      }
    } finally {
      // disconnect() also stops xrpl.js from reconnecting to the endpoint that was closed.
      await Promise.all([onPrimary.disconnect(), onFallback.disconnect()]);
      await primary.close();
      fs.rmSync(path.dirname(stateFile), { recursive: true, force: true });
    }
  });
});
