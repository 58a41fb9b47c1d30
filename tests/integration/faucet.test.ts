import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { Wallet as EvmWallet } from "ethers";
import { Wallet as XrplWallet, xrpToDrops } from "xrpl";
import { devXrplWallet } from "@/devchains/start";
import { DEV_ACCOUNTS, DEV_ROLES } from "@/devchains/evm/accounts";
import { handleFaucetPost, handleFaucetStatus } from "@/lib/faucet/http";
import { dispatchFaucetBatch } from "@/lib/faucet/dispatch";
import { pollFaucetBalances } from "@/lib/faucet/balances";
import { readFaucetSettings } from "@/lib/faucet/config";
import { requestOperation } from "@/lib/operations/pipeline";
import { voteOnRequest } from "@/lib/operations/approvals";
import { readXrpBalance, xrplCall } from "@/lib/chains/xrpl";
import { seedActor } from "../support/actors";
import { privateDb } from "../support/private-db";
import { testDb } from "../support/db";
import { usdtBalance, withTestChains } from "../support/chains";

// The faucet against the real dev ledger and Hardhat node, in a database of its own (its pause,
// limits and queue are global: other files pausing it must not be seen here).
process.env.FAUCET_XRPL_SEED = devXrplWallet("faucet").seed!;
process.env.FAUCET_XRPL_SEED_NEXT = devXrplWallet("faucet-next").seed!;
process.env.FAUCET_EVM_KEY = DEV_ROLES.faucet.privateKey;
process.env.FAUCET_EVM_KEY_NEXT = DEV_ACCOUNTS[19]!.privateKey;
process.env.TREASURY_XRPL_SEED = devXrplWallet("treasury").seed!;
process.env.TREASURY_EVM_KEY = DEV_ROLES.treasury.privateKey;

const shared = testDb();
const chains = withTestChains(shared);
const db = privateDb("faucet");

const GRANT_DROPS = xrpToDrops(20);

function post(body: unknown, clientIp: string, headers: Record<string, string> = {}) {
  return handleFaucetPost(db(), new Request("http://opsdeck.test/api/faucet", { method: "POST", headers: { "content-type": "application/json", "x-opsdeck-peer": clientIp, ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) }));
}

async function drain(maxRounds = 200) {
  for (let i = 0; i < maxRounds; i++) {
    const r = await dispatchFaucetBatch(db(), { maxConcurrency: 4, nodeTimeoutMs: 20_000 });
    const left = await db().faucetRequest.count({ where: { status: { in: ["queued", "sending"] } } });
    if (r.claimed === 0 && left === 0) return;
    if (r.claimed === 0) await new Promise((res) => setTimeout(res, 300));
  }
  throw new Error("the faucet queue did not drain");
}

async function dropsOf(address: string): Promise<bigint> {
  const info = await xrplCall(chains().xrplChain, "account_info", (c) => c.request({ command: "account_info", account: address, ledger_index: "validated" })).catch(() => null);
  return info ? BigInt(info.result.account_data.Balance) : 0n;
}

describe("[FAUCET][BURST]: 200 requests from 10 client addresses against the dev ledger", () => {
  it("holds the limits, keeps flagged requests in review, and pays exactly the grants it records", async () => {
    await pollFaucetBalances(db());
    const destinations = Array.from({ length: 200 }, () => XrplWallet.generate().address);
    const answers = await Promise.all(destinations.map((address, i) => post({ chain: "xrpl", address }, `10.0.0.${1 + (i % 10)}`)));

    const byStatus = (s: number) => answers.filter((a) => a.status === s);
    const accepted = byStatus(202).map((a) => (a.body as { data: { id: string; status: string } }).data);
    // Per client address: 10 requests an hour; the 4th and later within a minute go to review.
    expect(accepted).toHaveLength(100);
    expect(byStatus(429)).toHaveLength(100);
    for (const limited of byStatus(429)) {
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
      expect(limited.body).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    }
    // The public answer never says "review" (the thresholds are not advertised); the queue does.
    expect(accepted.every((a) => a.status === "queued")).toBe(true);
    expect(await db().faucetRequest.count({ where: { status: "queued", clientIp: { startsWith: "10.0.0." } } })).toBe(30);
    expect(await db().faucetRequest.count({ where: { status: "review", clientIp: { startsWith: "10.0.0." } } })).toBe(70);
    const flagged = await db().faucetRequest.findMany({ where: { status: "review", clientIp: { startsWith: "10.0.0." } } });
    expect(flagged.every((r) => /^(Burst: \d+ requests|\d+ destinations) from 10\.0\.0\.\d+ in (a minute|an hour)/.test(r.flagReason ?? ""))).toBe(true);
    // The fingerprint: client address, destination, user-agent hash, time.
    expect(await db().faucetRequest.count({ where: { clientIp: "10.0.0.1" } })).toBe(10);

    await drain();
    const sent = await db().faucetRequest.findMany({ where: { status: "sent" } });
    expect(sent).toHaveLength(30);
    expect(await db().faucetRequest.count({ where: { status: "review", txHash: null, clientIp: { startsWith: "10.0.0." } } })).toBe(70);

    // The ledger agrees, exactly: every destination holds what was recorded as sent to it, and nothing else.
    const balances = await Promise.all(destinations.map((d) => dropsOf(d)));
    const paid = balances.reduce((a, b) => a + b, 0n);
    expect(paid).toBe(BigInt(GRANT_DROPS) * 30n);
    for (const r of sent) expect(await dropsOf(r.address)).toBe(BigInt(r.amount));
    expect(await db().chainTransaction.count({ where: { purpose: "faucet.grant", status: "CONFIRMED" } })).toBe(30);

    const status = await handleFaucetStatus(db(), sent[0]!.id);
    expect(status.body).toMatchObject({ ok: true, data: { status: "sent", txHash: sent[0]!.txHash } });
  }, 180_000);
});

describe("[FAUCET][REFUSALS]: what the intake refuses, and that it writes nothing", () => {
  it("answers malformed bodies with 400 and a reason", async () => {
    const before = await db().faucetRequest.count();
    const cases: [unknown, RegExp][] = [
      ["{not json", /not valid JSON/],
      [{ address: XrplWallet.generate().address }, /chain/],
      [{ chain: "solana", address: "x" }, /chain must be "xrpl" or "evm"/],
      [{ chain: "evm", address: XrplWallet.generate().address }, /EVM address/],
      [{ chain: "xrpl", address: EvmWallet.createRandom().address }, /XRPL address/],
      [{ chain: "xrpl", address: XrplWallet.generate().address, amount: 1_000_000 }, /amount/],
      [[1, 2, 3], /./],
    ];
    for (const [body, reason] of cases) {
      const res = await post(body, "10.9.9.9");
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as { error: string }).error).toMatch(reason);
    }
    const wrongType = await handleFaucetPost(db(), new Request("http://opsdeck.test/api/faucet", { method: "POST", headers: { "content-type": "text/plain", "x-opsdeck-peer": "10.9.9.9" }, body: "chain=xrpl" }));
    expect(wrongType.status).toBe(415);
    expect(await db().faucetRequest.count()).toBe(before);
  });

  it("limits grants per destination with Retry-After, refuses blacklisted destinations and blocked ranges", async () => {
    const address = XrplWallet.generate().address;
    expect((await post({ chain: "xrpl", address }, "10.1.0.1")).status).toBe(202);
    const again = await post({ chain: "xrpl", address }, "10.1.0.2");
    expect(again.status).toBe(429);
    expect(Number(again.headers["retry-after"])).toBeGreaterThan(23 * 3600);

    const bad = XrplWallet.generate().address;
    await db().blacklistEntry.create({ data: { wallet: bad, reason: "faucet abuse", source: "faucet-abuse", addedBy: "test" } });
    expect(await post({ chain: "xrpl", address: bad }, "10.1.0.3")).toMatchObject({ status: 403, body: { code: "BLACKLISTED" } });

    const operator = await seedActor(db(), ["operator"]);
    expect(await requestOperation(db(), { operationId: "faucet.block", input: { cidr: "10.66.0.0/16", reason: "botnet range" }, actor: operator })).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await post({ chain: "xrpl", address: XrplWallet.generate().address }, "10.66.4.2")).toMatchObject({ status: 403, body: { code: "BLOCKED" } });
    // A queued request whose client address is blocked later is rejected by the dispatcher, never paid.
    const early = await post({ chain: "xrpl", address: XrplWallet.generate().address }, "10.67.0.9");
    expect(early.status).toBe(202);
    expect(await requestOperation(db(), { operationId: "faucet.block", input: { cidr: "10.67.0.0/16", reason: "the same botnet" }, actor: operator })).toMatchObject({ ok: true });
    await drain();
    const blocked = await db().faucetRequest.findUniqueOrThrow({ where: { id: (early.body as { data: { id: string } }).data.id } });
    expect(blocked).toMatchObject({ status: "rejected", txHash: null, lastError: "The client address was blocked" });
    expect(await dropsOf(blocked.address)).toBe(0n);
    // X-Forwarded-For is ignored from a client that is not a trusted proxy: it cannot hide behind another address.
    expect(await post({ chain: "xrpl", address: XrplWallet.generate().address }, "10.66.4.3", { "x-forwarded-for": "192.0.2.1" })).toMatchObject({ status: 403, body: { code: "BLOCKED" } });
  });

  it("counts an IPv6 client by its /64: rotating through the subnet does not get around the limit", async () => {
    const answers = [];
    for (let i = 1; i <= 11; i++) answers.push(await post({ chain: "xrpl", address: XrplWallet.generate().address }, `2001:db8:7:9::${i.toString(16)}`));
    expect(answers.slice(0, 10).every((a) => a.status === 202)).toBe(true);
    expect(answers[10]).toMatchObject({ status: 429, body: { code: "RATE_LIMITED" } });
    expect(await db().faucetRequest.count({ where: { clientIp: "2001:db8:7:9::/64" } })).toBe(10);
  });

  it("answers 503 FAUCET_PAUSED while paused and sends nothing until resumed; 503 INSUFFICIENT_BALANCE when the balance cannot cover a grant", async () => {
    const operator = await seedActor(db(), ["operator"]);
    const queued = await post({ chain: "xrpl", address: XrplWallet.generate().address }, "10.2.0.1");
    expect(queued.status).toBe(202);
    expect(await requestOperation(db(), { operationId: "faucet.pause", input: { note: "drill: faucet under attack" }, actor: operator })).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await post({ chain: "xrpl", address: XrplWallet.generate().address }, "10.2.0.2")).toMatchObject({ status: 503, body: { code: "FAUCET_PAUSED" } });
    expect(await dispatchFaucetBatch(db())).toMatchObject({ claimed: 0 });
    expect(await requestOperation(db(), { operationId: "faucet.resume", input: {}, actor: operator })).toMatchObject({ ok: true, data: { status: "executed" } });
    await drain();
    expect(await db().faucetRequest.findUniqueOrThrow({ where: { id: (queued.body as { data: { id: string } }).data.id } })).toMatchObject({ status: "sent" });

    const settings = await readFaucetSettings(db());
    await db().setting.update({ where: { key: "faucet.balance.xrpl" }, data: { value: { ...settings.balances.xrpl!, spendable: "1000" } } });
    expect(await post({ chain: "xrpl", address: XrplWallet.generate().address }, "10.2.0.3")).toMatchObject({ status: 503, body: { code: "INSUFFICIENT_BALANCE" } });
    await pollFaucetBalances(db());
  });
});

describe("[FAUCET][EXACTLY-ONCE]: a dispatcher killed mid-batch pays nobody twice", () => {
  it("resumes the grants the killed dispatcher left, by their recorded transactions", async () => {
    const destinations = Array.from({ length: 6 }, () => XrplWallet.generate().address);
    for (const [i, address] of destinations.entries()) expect((await post({ chain: "xrpl", address }, `10.3.0.${i + 1}`)).status).toBe(202);
    const ledger = chains().xrpl.url;
    const [current] = await db().$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${current!.name}`;
    // The child claims 4 grants, and dies right after broadcasting the second one.
    const child = promisify(execFile)(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "tests/support/crash-during-faucet.ts"], {
      env: { ...process.env, CRASH_CONFIG: JSON.stringify({ databaseUrl: url.toString(), ledger, killAt: 2 }) },
      timeout: 60_000,
    });
    // tsx runs the script in a node child: the kill shows as that child's exit code 137 (128 + SIGKILL).
    const crashed = await child.then(
      () => "exited normally",
      (err: { code?: number; signal?: string; stderr?: string }) => (err.signal === "SIGKILL" || err.code === 137 ? "killed" : `failed: ${err.stderr}`),
    );
    expect(crashed).toBe("killed");
    expect(await db().faucetRequest.count({ where: { status: "sending" } })).toBeGreaterThan(0);
    // After the lease the grants are taken up again: the recorded transactions are looked up, not re-signed.
    await db().faucetRequest.updateMany({ where: { status: "sending" }, data: { nextAttemptAt: new Date() } });
    await drain();
    for (const d of destinations) expect(await dropsOf(d)).toBe(BigInt(GRANT_DROPS));
    const rows = await db().faucetRequest.findMany({ where: { address: { in: destinations } } });
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    // One confirmed payment per grant; any other recorded attempt is final and delivered nothing.
    const sends = await db().chainTransaction.findMany({ where: { OR: rows.map((r) => ({ intentKey: { startsWith: `faucet:${r.id}:` } })) } });
    expect(sends.filter((t) => t.status === "CONFIRMED")).toHaveLength(6);
    expect(sends.filter((t) => t.status !== "CONFIRMED").every((t) => t.status === "FAILED")).toBe(true);
  }, 120_000);
});

describe("[FAUCET][CONTROLS]: review, top-up and key rotation through their operations", () => {
  it("sends approved flagged requests and never the rejected ones", async () => {
    const support = await seedActor(db(), ["support"]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post({ chain: "xrpl", address: XrplWallet.generate().address }, "10.4.0.1");
      ids.push((res.body as { data: { id: string } }).data.id);
    }
    const flagged = (await db().faucetRequest.findMany({ where: { id: { in: ids }, status: "review" } })).map((r) => r.id);
    expect(flagged).toHaveLength(2);
    expect(await requestOperation(db(), { operationId: "faucet.review", input: { requests: [flagged[0]], decision: "approve" }, actor: support })).toMatchObject({ ok: true });
    expect(await requestOperation(db(), { operationId: "faucet.review", input: { requests: [flagged[1]], decision: "reject" }, actor: support })).toMatchObject({ ok: true });
    await drain();
    expect((await db().faucetRequest.findUniqueOrThrow({ where: { id: flagged[0]! } })).status).toBe("sent");
    const rejected = await db().faucetRequest.findUniqueOrThrow({ where: { id: flagged[1]! } });
    expect(rejected).toMatchObject({ status: "rejected", txHash: null, decidedBy: support.email });
    expect(await dropsOf(rejected.address)).toBe(0n);
    // Deciding it again is refused as a whole.
    expect(await requestOperation(db(), { operationId: "faucet.review", input: { requests: [flagged[1]], decision: "approve" }, actor: support })).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("funds the next key's wallet after one approval, once; rotates after two, and grants then come from the new wallet; a second rotation cannot switch back", async () => {
    const treasury = await seedActor(db(), ["treasury"]);
    const [a1, a2] = [await seedActor(db(), ["approver"], { reauthAt: new Date() }), await seedActor(db(), ["approver"], { reauthAt: new Date() })];
    const operator = await seedActor(db(), ["operator"]);
    const current = devXrplWallet("faucet").address;
    const next = devXrplWallet("faucet-next").address;

    // Fund the new wallet first, so no grant meets an empty one.
    const ask = await requestOperation(db(), { operationId: "faucet.topup", input: { chain: "xrpl", destination: "next", amount: "500" }, reason: "fund the new faucet wallet", actor: treasury });
    const askId = ask.ok && ask.data.status === "pending_approval" ? ask.data.requestId : "";
    expect(await dropsOf(next)).toBe(0n);
    expect(await voteOnRequest(db(), { actor: a1, input: { requestId: askId, decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await dropsOf(next)).toBe(BigInt(xrpToDrops(500)));
    expect(await db().chainTransaction.count({ where: { purpose: "faucet.topup", toAddress: next } })).toBe(1);
    // Only the faucet's own wallets can be topped up.
    expect(await requestOperation(db(), { operationId: "faucet.topup", input: { chain: "xrpl", destination: XrplWallet.generate().address, amount: "5" }, reason: "to a stranger", actor: treasury })).toMatchObject({ ok: false, code: "FORBIDDEN" });

    const rotation = { chain: "xrpl", from: current, to: next };
    const rotate = await requestOperation(db(), { operationId: "faucet.key.rotate", input: rotation, reason: "quarterly key rotation", actor: operator });
    const again = await requestOperation(db(), { operationId: "faucet.key.rotate", input: rotation, reason: "asked twice by mistake", actor: await seedActor(db(), ["operator"]) });
    const idOf = (r: typeof rotate) => (r.ok && r.data.status === "pending_approval" ? r.data.requestId : "");
    await voteOnRequest(db(), { actor: a1, input: { requestId: idOf(rotate), decision: "approve" } });
    expect(await voteOnRequest(db(), { actor: a2, input: { requestId: idOf(rotate), decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });
    // The same switch approved a second time no longer starts from the active wallet: refused, nothing flips back.
    await voteOnRequest(db(), { actor: a1, input: { requestId: idOf(again), decision: "approve" } });
    expect(await voteOnRequest(db(), { actor: a2, input: { requestId: idOf(again), decision: "approve" } })).toMatchObject({ ok: false, error: expect.stringContaining("no longer") });
    expect((await readFaucetSettings(db())).active.xrpl).toBe(next);

    await pollFaucetBalances(db());
    const res = await post({ chain: "xrpl", address: XrplWallet.generate().address }, "10.5.0.1");
    await drain();
    const grant = await db().faucetRequest.findUniqueOrThrow({ where: { id: (res.body as { data: { id: string } }).data.id } });
    expect(grant.status).toBe("sent");
    const tx = await db().chainTransaction.findFirstOrThrow({ where: { txHash: grant.txHash! } });
    expect(tx.fromAddress).toBe(next);
    const balance = await readXrpBalance(chains().xrplChain, next);
    expect(Number(balance?.total)).toBeLessThan(500);
  });

  it("grants the escrow's token on the EVM side", async () => {
    await pollFaucetBalances(db());
    const address = EvmWallet.createRandom().address;
    const res = await post({ chain: "evm", address }, "10.6.0.1");
    expect(res.status).toBe(202);
    await drain();
    expect(await usdtBalance(chains(), address)).toBe(100);
  });
});
