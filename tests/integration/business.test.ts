import { beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { Wallet as EthersWallet } from "ethers";

// The CSV route asks the session who is calling; here a test decides (vi.hoisted runs ahead of the imports).
const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; roles: string[]; sessionId: string | null; mfaSetupRequired: boolean } }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user }));

import { GET } from "@/app/api/business/[table]/route";
import { readBusinessMetrics } from "@/lib/business/metrics";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";

const db = testDb();
const DAY = 86_400_000;
// A chain of this file's own: other files' orders never mix into the figures asserted here.
const chain = `evm:9${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
const now = new Date();
const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
const at = (daysAgo: number, minutes = 60) => new Date(today - daysAgo * DAY + minutes * 60_000);
const dayOf = (daysAgo: number) => at(daysAgo).toISOString().slice(0, 10);
const addr = () => EthersWallet.createRandom().address.toLowerCase();

const USDT = addr();
const DAI = addr();
const UNKNOWN = addr(); // a token the sync has no decimals for yet
const [S1, S2, S3, S4] = [addr(), addr(), addr(), addr()];

let nextId = 1n;
type TOrder = { daysAgo: number; seller: string; status: "created" | "completed" | "disputed" | "resolved_buyer" | "expired"; token?: string; whole: number; feeWhole?: number };
async function order(o: TOrder) {
  const token = o.token ?? USDT;
  const decimals = token === DAI ? 18 : 6;
  const base = (n: number) => (BigInt(Math.round(n * 100)) * 10n ** BigInt(decimals)) / 100n;
  const createdAt = at(o.daysAgo, o.daysAgo === 0 ? 0 : 60);
  await db.escrowOrder.create({
    data: {
      chain,
      orderId: nextId++,
      buyer: addr(),
      seller: o.seller,
      token,
      amount: base(o.whole).toString(),
      fee: base(o.feeWhole ?? 0).toString(),
      amountValue: token === UNKNOWN ? null : String(o.whole),
      status: o.status,
      createdAt,
      updatedAt: createdAt,
      closedAt: ["completed", "resolved_buyer", "expired"].includes(o.status) ? createdAt : null,
      disputedAt: ["disputed", "resolved_buyer"].includes(o.status) ? createdAt : null,
      createdBlock: 1n,
    },
  });
}

beforeAll(async () => {
  await db.chainToken.createMany({ data: [{ chain, address: USDT, symbol: "USDT", decimals: 6 }, { chain, address: DAI, symbol: "DAI", decimals: 18 }] });
  // Yesterday: 4 orders, 2 completed (150 USDT, 1.5 USDT fees), 1 disputed.
  await order({ daysAgo: 1, seller: S1, status: "completed", whole: 100, feeWhole: 1 });
  await order({ daysAgo: 1, seller: S1, status: "completed", whole: 50, feeWhole: 0.5 });
  await order({ daysAgo: 1, seller: S2, status: "disputed", whole: 30, feeWhole: 0.3 });
  await order({ daysAgo: 1, seller: S2, status: "created", whole: 10, feeWhole: 0.1 });
  // Five days ago: 5 orders, 3 completed (200 USDT + 5 DAI + one in an unknown token), 1 resolved dispute.
  await order({ daysAgo: 5, seller: S2, status: "completed", whole: 200, feeWhole: 2 });
  await order({ daysAgo: 5, seller: S3, status: "completed", token: DAI, whole: 5, feeWhole: 0.05 });
  await order({ daysAgo: 5, seller: S3, status: "resolved_buyer", whole: 20, feeWhole: 0.2 });
  await order({ daysAgo: 5, seller: S1, status: "expired", whole: 10, feeWhole: 0.1 });
  await order({ daysAgo: 5, seller: S4, status: "completed", token: UNKNOWN, whole: 70, feeWhole: 0.7 });
  // Today: one completed order. 40 days ago: outside the window, counted nowhere.
  await order({ daysAgo: 0, seller: S1, status: "completed", whole: 25, feeWhole: 0.25 });
  await order({ daysAgo: 40, seller: S1, status: "completed", whole: 1000, feeWhole: 10 });
  await db.escrowWallet.createMany({
    data: [
      { chain, wallet: addr(), firstOrderAt: at(40) },
      { chain, wallet: addr(), firstOrderAt: at(1) },
      { chain, wallet: addr(), firstOrderAt: at(1, 600) },
      { chain, wallet: addr(), firstOrderAt: at(0, 0) },
    ],
  });
});

describe("[BUSINESS][METRICS]: the 30-day figures from the synced orders", () => {
  it("counts orders, completions and disputes per creation day, a quiet day as zero", async () => {
    const viewer = await seedActor(db, ["viewer"]);
    const m = await readBusinessMetrics(db, viewer, { now, chain });
    expect(m.days).toHaveLength(30);
    expect(m.days.find((d) => d.day === dayOf(1))).toMatchObject({ orders: 4, completed: 2, disputes: 1, disputePct: 25 });
    expect(m.days.find((d) => d.day === dayOf(5))).toMatchObject({ orders: 5, completed: 3, disputes: 1, disputePct: 20 });
    expect(m.days.find((d) => d.day === dayOf(0))).toMatchObject({ orders: 1, completed: 1, disputes: 0 });
    expect(m.days.find((d) => d.day === dayOf(2))).toMatchObject({ orders: 0, completed: 0, disputes: 0, disputePct: 0 });
    expect(m.totals).toEqual({ orders: 10, completed: 6, disputes: 2, completionPct: 60, disputePct: 20, unvalued: 1, newWallets: 3 });
  });

  it("sums volume and fees of completed orders only, per token, in whole units", async () => {
    const viewer = await seedActor(db, ["viewer"]);
    const m = await readBusinessMetrics(db, viewer, { now, chain });
    expect(m.money.map((s) => [s.symbol, s.volume, s.fees])).toEqual([
      ["USDT", "375", "3.75"],
      ["DAI", "5", "0.05"],
    ]);
    const usdt = m.money[0]!;
    expect(usdt.exact.find((d) => d.day === dayOf(1))).toEqual({ day: dayOf(1), volume: "150", fees: "1.5" });
    expect(usdt.exact.find((d) => d.day === dayOf(5))).toEqual({ day: dayOf(5), volume: "200", fees: "2" });
    expect(m.chains).toEqual([{ chain, orders: 10, completed: 6, disputes: 2, volume: [{ symbol: "DAI", amount: "5" }, { symbol: "USDT", amount: "375" }] }]);
  });

  it("counts new wallets per day on top of those seen before the window", async () => {
    const viewer = await seedActor(db, ["viewer"]);
    const m = await readBusinessMetrics(db, viewer, { now, chain });
    expect(m.growth[0]).toMatchObject({ wallets: 0, cumulative: 1 });
    expect(m.growth.find((g) => g.day === dayOf(1))).toMatchObject({ wallets: 2, cumulative: 3 });
    expect(m.growth.at(-1)).toMatchObject({ day: dayOf(0), wallets: 1, cumulative: 4 });
  });

  it("ranks the sellers by completed volume within each token, with their disputes", async () => {
    const viewer = await seedActor(db, ["viewer"]);
    const m = await readBusinessMetrics(db, viewer, { now, chain });
    expect(m.sellers).toEqual([
      { rank: 1, chain, seller: S3, symbol: "DAI", completed: 1, volume: "5", disputes: 0 },
      { rank: 1, chain, seller: S2, symbol: "USDT", completed: 1, volume: "200", disputes: 1 },
      { rank: 2, chain, seller: S1, symbol: "USDT", completed: 3, volume: "175", disputes: 0 },
    ]);
  });
});

describe("[BUSINESS][CSV]: GET /api/business/:table", () => {
  const get = (table: string, query = `?chain=${chain}`) => GET(new NextRequest(`http://localhost/api/business/${table}${query}`), { params: Promise.resolve({ table }) });

  it("gives a signed-in viewer the daily file with exact amounts", async () => {
    const viewer = await seedActor(db, ["viewer"]);
    session.user = { ...viewer, mfaSetupRequired: false };
    const res = await get("daily");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="opsdeck-business-daily-evm-9\d+-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines[0]).toBe("day,orders_created,orders_completed,volume_USDT,fees_USDT,volume_DAI,fees_DAI");
    expect(lines).toHaveLength(31);
    expect(lines).toContain(`${dayOf(1)},4,2,150,1.5,0,0`);
    expect(lines).toContain(`${dayOf(5)},5,3,200,2,5,0.05`);
    expect(lines.at(-1)).toBe(`${dayOf(0)},1,1,25,0.25,0,0`);
  });

  it("exports the sellers, the dispute rate, the growth and the chains", async () => {
    const viewer = await seedActor(db, ["viewer"]);
    session.user = { ...viewer, mfaSetupRequired: false };
    expect(await (await get("sellers")).text()).toBe(
      `rank,chain,seller,token,completed_orders,volume,disputed_orders\n1,${chain},${S3},DAI,1,5,0\n1,${chain},${S2},USDT,1,200,1\n2,${chain},${S1},USDT,3,175,0\n`,
    );
    const disputes = (await (await get("disputes")).text()).split("\n");
    expect(disputes[0]).toBe("day,orders_created,disputed,dispute_rate_pct,above_threshold");
    expect(disputes).toContain(`${dayOf(1)},4,1,25,yes`); // the default alert line is 5 %
    expect((await (await get("growth")).text()).trimEnd().split("\n").at(-1)).toBe(`${dayOf(0)},1,4`);
    expect(await (await get("chains")).text()).toBe(`chain,orders_created,orders_completed,disputed,volume_DAI,volume_USDT\n${chain},10,6,2,5,375\n`);
  });

  it("answers an unknown table or a bad chain in the app's error shape", async () => {
    const viewer = await seedActor(db, ["viewer"]);
    session.user = { ...viewer, mfaSetupRequired: false };
    const missing = await get("customers");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ ok: false, code: "NOT_FOUND", error: expect.stringContaining("daily, growth, disputes, chains, sellers") });
    const bad = await get("daily", "?chain=evm:1';drop");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { chain: expect.any(Array) } });
  });

  it("refuses a signed-out caller and one who has not set up two-step sign-in", async () => {
    session.user = null;
    const res = await get("daily");
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    const admin = await seedActor(db, ["admin"]);
    session.user = { ...admin, mfaSetupRequired: true };
    expect((await get("sellers")).status).toBe(403);
  });
});
