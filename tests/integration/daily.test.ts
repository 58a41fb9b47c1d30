import { beforeAll, describe, expect, it } from "vitest";
import { createEvmChain, setEvmChain } from "@/lib/chains/evm";
import { Wallet as EthersWallet } from "ethers";
import { requestOperation } from "@/lib/operations/pipeline";
import { runScheduledIfDue } from "@/lib/daily/run";
import { readDailyPage } from "@/lib/daily/queries";
import type { TCheckResult } from "@/lib/daily/status";
import { bytesText } from "@/lib/format/bytes";
import { seedActor } from "../support/actors";
import { privateDb } from "../support/private-db";

// The daily operations check end to end through its operation, against PostgreSQL: each check's
// value is what the database says. Other files may add orders at the same time on the embedded
// database, so order figures are compared before and after this file's own inserts.
const db = privateDb("daily");
const HOUR = 3_600_000;
const chainId = 800_000_000 + Math.floor(Math.random() * 99_999_999);
const chain = `evm:${chainId}`;
const token = EthersWallet.createRandom().address.toLowerCase();
const symbol = `T${chainId % 100_000}`;
let nextOrder = 1;

// This file's chain, as configured (nothing here calls it: the checks read the stored cursor).
beforeAll(async () => {
  setEvmChain(createEvmChain({ name: "Daily test EVM", chainId, primaryUrl: "http://127.0.0.1:9", deployBlock: 0, confirmations: 2 }));
  await db().chainToken.create({ data: { chain, address: token, symbol, decimals: 6 } });
});

async function order(status: "created" | "completed" | "disputed" | "expired", opts: { hoursAgo?: number; amount?: number; disputedHoursAgo?: number } = {}) {
  const at = new Date(Date.now() - (opts.hoursAgo ?? 1) * HOUR);
  const party = () => EthersWallet.createRandom().address.toLowerCase();
  await db().escrowOrder.create({
    data: {
      chain, orderId: BigInt(nextOrder++), buyer: party(), seller: party(), token, amount: "1", fee: "0", amountValue: String(opts.amount ?? 10),
      status, createdAt: at, updatedAt: at, createdBlock: 1n, disputedAt: opts.disputedHoursAgo === undefined ? null : new Date(Date.now() - opts.disputedHoursAgo * HOUR),
    },
  });
}

async function runNow(): Promise<Map<string, TCheckResult>> {
  const actor = await seedActor(db(), ["operator"]);
  const result = await requestOperation(db(), { operationId: "daily.check.run", input: {}, actor });
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true, data: { status: "executed" } });
  const id = (result as { data: { result: { id: string } } }).data.result.id;
  const run = await db().dailyCheckRun.findUniqueOrThrow({ where: { id } });
  expect(run).toMatchObject({ trigger: "button", requestedBy: actor.email });
  expect(run.finishedAt).not.toBeNull();
  return new Map((run.checks as TCheckResult[]).map((c) => [c.key, c]));
}

const numbers = (text: string) => (text.match(/\d[\d,]*(\.\d+)?/g) ?? []).map((n) => Number(n.replace(/,/g, "")));

describe("[DAILY][CHECK]: the guide's daily check, stored with every value", () => {
  it("counts the last 24 h of orders, open disputes past the SLA, and reports the database size", async () => {
    const before = await runNow();
    await order("completed", { amount: 100 });
    await order("completed", { amount: 250.5 });
    await order("disputed", { disputedHoursAgo: 30, hoursAgo: 2 });
    await order("expired");
    await order("created");
    await order("completed", { hoursAgo: 30, amount: 999 }); // outside the 24 h
    const after = await runNow();

    const [total0, completed0, disputed0, expired0] = numbers(before.get("orders-24h")!.value);
    const [total1, completed1, disputed1, expired1] = numbers(after.get("orders-24h")!.value);
    expect([total1! - total0!, completed1! - completed0!, disputed1! - disputed0!, expired1! - expired0!]).toEqual([5, 2, 1, 1]);
    // Volume is per token: this file's own token shows exactly its completed orders.
    expect(before.get("orders-24h")!.value).not.toContain(symbol);
    expect(after.get("orders-24h")!.value).toContain(`350.5 ${symbol}`);

    // The dispute opened 30 h ago is past the 24 h SLA: a warning that points at RB-04.
    const disputes = after.get("pending-disputes")!;
    expect(numbers(disputes.value)[1]).toBeGreaterThanOrEqual(1);
    expect(disputes).toMatchObject({ status: "warn", runbook: "RB-04" });

    const [size] = await db().$queryRaw<{ bytes: bigint }[]>`SELECT pg_database_size(current_database()) AS bytes`;
    // The size moves a little as rows are written: same unit, within a few percent.
    const shown = after.get("database-size")!.value;
    expect(shown.split(" ")[1]).toBe(bytesText(Number(size!.bytes)).split(" ")[1]);
    expect(Math.abs(numbers(shown)[0]! - numbers(bytesText(Number(size!.bytes)))[0]!) / numbers(shown)[0]!).toBeLessThan(0.05);
    expect(after.get("disk")!.value).toMatch(/^\d+(\.\d)? % used/);
  });

  it("fails the sync check when a cursor stopped while the chain went on, and links RB-03", async () => {
    // 1,600 − 2 confirmations − 1,000: what the sync could have read but has not.
    await db().chainCursor.create({ data: { chain, lastBlock: 1_000n, headBlock: 1_600n, movedAt: new Date(Date.now() - 30 * 60_000) } });
    const checks = await runNow();
    const sync = checks.get("chain-sync")!;
    expect(sync).toMatchObject({ status: "fail", runbook: "RB-03" });
    expect(sync.detail).toContain(`${chain}: block 1000, 598 behind, moved 30 min ago`);
    // The page puts the latest run first with its verdict, and the trend counts today's checks.
    const page = await readDailyPage(db(), { roles: ["viewer"] });
    expect(page.latest?.status).toBe("fail");
    expect(page.trend.at(-1)!.fail).toBeGreaterThanOrEqual(1);
  });

  it("runs the scheduled check once per UTC day, after its hour, however many instances ask", async () => {
    const day = new Date(Date.UTC(2031, 0, 5));
    expect(await runScheduledIfDue(db(), new Date("2031-01-05T07:59:00Z"))).toBeNull();
    const runs = await Promise.all([0, 1, 2].map(() => runScheduledIfDue(db(), new Date("2031-01-05T08:01:00Z"))));
    expect(runs.filter((r) => r !== null)).toHaveLength(1);
    expect(await db().dailyCheckRun.count({ where: { scheduledFor: day } })).toBe(1);
    expect(await runScheduledIfDue(db(), new Date("2031-01-05T15:00:00Z"))).toBeNull();
  });

  it("takes over a scheduled run a restart interrupted, instead of losing the day", async () => {
    const day = new Date(Date.UTC(2031, 0, 7));
    // Claimed at 08:00 by an instance that then died: no verdict.
    await db().dailyCheckRun.create({ data: { trigger: "schedule", scheduledFor: day, startedAt: new Date("2031-01-07T08:00:00Z") } });
    expect(await runScheduledIfDue(db(), new Date("2031-01-07T08:02:00Z"))).toBeNull(); // it may still be running
    const taken = await runScheduledIfDue(db(), new Date("2031-01-07T08:10:00Z"));
    expect(taken?.status).toMatch(/^(pass|warn|fail)$/);
    expect(await db().dailyCheckRun.findFirstOrThrow({ where: { scheduledFor: day } })).toMatchObject({ status: taken!.status });
  });

  it("is run by operators, not by viewers", async () => {
    const viewer = await seedActor(db(), ["viewer"]);
    expect(await requestOperation(db(), { operationId: "daily.check.run", input: {}, actor: viewer })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});

describe("[DAILY][SYNC]: a quiet chain is not a stuck one", () => {
  it("passes a cursor that sits at head − confirmations however long the chain has been still", async () => {
    await db().chainCursor.update({ where: { chain }, data: { lastBlock: 1_598n, headBlock: 1_600n, movedAt: new Date(Date.now() - 3 * HOUR) } });
    const sync = (await runNow()).get("chain-sync")!;
    expect(sync.detail).toContain(`${chain}: block 1598, 0 behind, moved 180 min ago`);
    expect(sync.status).not.toBe("fail");
  });
});
