// Scripted trading history for the local platform: users create, pay, confirm and dispute orders,
// arbitrators resolve, the keeper expires and auto-releases. Deterministic for a given seed, so
// the demo and the tests see the same chain every run.
import { MaxUint256, type Contract, type JsonRpcProvider, type NonceManager } from "ethers";
import { DEV_ROLES, type TDevAccount } from "./accounts";
import { DEV_TX_OVERRIDES, createDevProvider, decodeRevert, devSigner, platformContract, usdt, type TPlatformAddresses } from "./deploy";

export type THistoryOptions = {
  rpcUrl: string;
  addresses: TPlatformAddresses;
  orders: number;
  seed?: number;
  /** Spread the orders over this many past days, ending now. Needs a node started ≈ that far back. */
  spreadDays?: number;
  /** Counted in transactions sent. */
  onProgress?: (done: number, total: number) => void;
};

/** `completed` counts buyer confirmations only; auto-released orders end Completed too. */
export type THistoryResult = { orders: number; completed: number; disputed: number; resolved: number; expired: number; autoReleased: number };

type TOutcome =
  | "completed"
  | "autoReleased"
  | "expired"
  | "disputeOpen"
  | "resolvedBuyer"
  | "resolvedSeller"
  | "openCreated"
  | "openPaid"
  | "overdueCreated"
  | "overduePaid";

type TPlannedOrder = { outcome: TOutcome; buyer: TDevAccount; seller: TDevAccount; amount: bigint; createdAt: number; disputeByBuyer: boolean; resolveByOwner: boolean };
type TStepKind = "create" | "pay" | "complete" | "dispute" | "resolveBuyer" | "resolveSeller" | "expire" | "autoRelease";
type TStep = { at: number; seq: number } & ({ kind: TStepKind; order: number } | { kind: "reputation"; arbitrator: TDevAccount; reputation: number });

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Non-open orders are created before this cut-off, so their whole life fits before `end`. */
const SETTLE_MARGIN = 2.2 * DAY;
const MIN_SPAN = 3 * DAY;
const BUYER_BUDGET = usdt(900_000);

// Share of orders per outcome (minimum 1 each when there are enough orders); the rest complete.
const QUOTAS: [TOutcome, number, number][] = [
  ["resolvedBuyer", 0.035, 1],
  ["resolvedSeller", 0.035, 1],
  ["disputeOpen", 0.03, 1],
  ["expired", 0.06, 1],
  ["autoReleased", 0.05, 1],
  ["openPaid", 0.04, 1],
  ["openCreated", 0.03, 1],
  ["overduePaid", 0.01, 0],
  ["overdueCreated", 0.01, 0],
];
/** Final reputations per arbitrator; the last one ends "at risk" (< 20) but still active (≥ 10). */
const REPUTATIONS = [92, 67, 14];

/** mulberry32: small, fast, good enough for test data. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (lo: number, hi: number) => Math.floor(lo + next() * (hi - lo));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, between, pick };
}
type TRandom = ReturnType<typeof createRandom>;

function outcomeList(total: number, random: TRandom): TOutcome[] {
  const list: TOutcome[] = [];
  for (const [outcome, share, min] of QUOTAS) {
    const count = Math.min(total - list.length, Math.max(total >= 10 ? min : 0, Math.round(total * share)));
    for (let i = 0; i < count; i++) list.push(outcome);
  }
  while (list.length < total) list.push("completed");
  // Fisher–Yates, so outcomes are not grouped by type in time.
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** 10..20,000 USDT, most trades small (median ≈ 300), about one in six above 5,000. */
function tradeAmount(random: TRandom): bigint {
  let amount = 10 * 2000 ** (random.next() ** 1.3);
  const isRound = random.next() < 0.3;
  const step = amount < 100 ? (isRound ? 10 : 0.01) : amount < 1000 ? (isRound ? 50 : 1) : isRound ? 500 : 5;
  amount = Math.min(20_000, Math.max(10, Math.round(amount / step) * step));
  return usdt(amount.toFixed(2));
}

/** When an order of this outcome is created, relative to the end of the timeline. */
function creationWindow(outcome: TOutcome, start: number, end: number): [number, number] {
  const windows: Partial<Record<TOutcome, [number, number]>> = {
    disputeOpen: [end - 6 * DAY, end - SETTLE_MARGIN],
    openCreated: [end - 25 * MINUTE, end - 2 * MINUTE],
    openPaid: [end - 20 * HOUR, end - HOUR],
    overdueCreated: [end - 2 * DAY, end - 2 * HOUR],
    overduePaid: [end - SETTLE_MARGIN, end - 1.3 * DAY],
  };
  const [lo, hi] = windows[outcome] ?? [start, end - SETTLE_MARGIN];
  return [Math.max(start, lo), Math.max(start + 1, hi)];
}

/** Busier in the daytime (UTC) and more recently, as a growing platform would be. */
function creationTime(random: TRandom, [lo, hi]: [number, number]): number {
  for (let tries = 0; ; tries++) {
    const at = random.between(lo, hi);
    const hour = new Date(at * 1000).getUTCHours();
    const weight = (hour < 7 ? 0.3 : 1) * (0.5 + (0.5 * (at - lo)) / Math.max(1, hi - lo));
    if (tries > 20 || random.next() < weight) return at;
  }
}

function planHistory(opts: { orders: number; seed: number; start: number; end: number }) {
  const random = createRandom(opts.seed);
  const { users, arbitrators } = DEV_ROLES;
  // A few merchants sell most of the volume, as on real P2P desks.
  const merchants = users.slice(0, 5);
  // What each buyer pays in, at most: deploy.ts funds 1,000,000 USDT; sales income is ignored.
  const spent = new Map<string, bigint>();
  const planned: TPlannedOrder[] = outcomeList(opts.orders, random).map((outcome, index) => {
    const seller = random.next() < 0.7 ? random.pick(merchants) : random.pick(users);
    const amount = tradeAmount(random);
    const candidates = users.filter((u) => u.address !== seller.address && (spent.get(u.address) ?? 0n) + amount <= BUYER_BUDGET);
    if (!candidates.length) throw new Error(`${opts.orders} orders exceed what the dev users were funded with`);
    const buyer = random.pick(candidates);
    spent.set(buyer.address, (spent.get(buyer.address) ?? 0n) + amount);
    return {
      outcome,
      buyer,
      seller,
      amount,
      // Its own stream: how many draws the daytime weighting takes depends on the wall clock, and
      // must not shift who trades what with whom (the same seed gives the same orders).
      createdAt: creationTime(createRandom(opts.seed * 7919 + index), creationWindow(outcome, opts.start, opts.end)),
      disputeByBuyer: random.next() < 0.6,
      resolveByOwner: random.next() < 0.25,
    };
  });
  // Order ids follow creation time.
  planned.sort((a, b) => a.createdAt - b.createdAt);

  const steps: TStep[] = [];
  const add = (at: number, kind: TStepKind, order: number) => steps.push({ at, seq: steps.length, kind, order });
  planned.forEach((order, i) => {
    const { outcome, createdAt } = order;
    add(createdAt, "create", i);
    if (outcome === "expired") add(createdAt + 30 * MINUTE + random.between(MINUTE, 6 * HOUR), "expire", i);
    if (outcome === "expired" || outcome === "openCreated" || outcome === "overdueCreated") return;
    const paidAt = createdAt + random.between(MINUTE, 25 * MINUTE);
    add(paidAt, "pay", i);
    if (outcome === "completed") add(paidAt + Math.floor(10 * MINUTE + random.next() ** 2 * 20 * HOUR), "complete", i);
    if (outcome === "autoReleased") add(paidAt + DAY + random.between(MINUTE, 6 * HOUR), "autoRelease", i);
    if (outcome === "disputeOpen" || outcome === "resolvedBuyer" || outcome === "resolvedSeller") {
      const disputedAt = paidAt + random.between(HOUR, 20 * HOUR);
      add(disputedAt, "dispute", i);
      if (outcome !== "disputeOpen") add(disputedAt + random.between(HOUR, 30 * HOUR), outcome === "resolvedBuyer" ? "resolveBuyer" : "resolveSeller", i);
    }
  });
  const span = opts.end - opts.start;
  arbitrators.forEach((arbitrator, i) => {
    const reputation = REPUTATIONS[i % REPUTATIONS.length]!;
    if (reputation < 20) steps.push({ at: opts.start + Math.floor(span / 2), seq: steps.length, kind: "reputation", arbitrator, reputation: 35 });
    steps.push({ at: opts.end - 3 * HOUR - i * HOUR, seq: steps.length, kind: "reputation", arbitrator, reputation });
  });
  steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
  return { planned, steps };
}

async function chainTimestamp(provider: JsonRpcProvider): Promise<number> {
  const block = await provider.getBlock("latest");
  if (!block) throw new Error("no latest block");
  return block.timestamp;
}

/** The timeline: [start, end] in chain seconds. */
function timeline(chainNow: number, spreadDays: number | undefined): { start: number; end: number } {
  if (!spreadDays) {
    // No history window requested (tests): run forward from the chain's clock.
    return { start: chainNow + 2 * MINUTE, end: chainNow + 2 * MINUTE + MIN_SPAN };
  }
  const realNow = Math.floor(Date.now() / 1000);
  const end = realNow - MINUTE;
  const start = Math.max(chainNow + 2 * MINUTE, end - Math.round(spreadDays * DAY));
  // A little slack for the seconds the deployment took after the node started.
  if (end - start < Math.max(MIN_SPAN, 0.9 * spreadDays * DAY)) {
    const behind = ((realNow - chainNow) / DAY).toFixed(2);
    throw new Error(
      `spreadDays=${spreadDays} needs a chain clock at least ${spreadDays} days (minimum 3) behind real time; it is ${behind} days behind. ` +
        `Start the node with startHardhatNode({ initialDate: new Date(Date.now() - ${spreadDays} * 86_400_000) }).`,
    );
  }
  return { start, end };
}

export async function generateHistory(opts: THistoryOptions): Promise<THistoryResult> {
  if (!Number.isInteger(opts.orders) || opts.orders < 0) throw new Error(`orders must be a whole number ≥ 0, got ${opts.orders}`);
  const provider = createDevProvider(opts.rpcUrl);
  try {
    const { addresses } = opts;
    const signers = new Map<string, NonceManager>();
    const escrows = new Map<string, Contract>();
    const signer = (account: TDevAccount) => {
      let found = signers.get(account.address);
      if (!found) signers.set(account.address, (found = devSigner(provider, account.privateKey)));
      return found;
    };
    const escrowAs = (account: TDevAccount) => {
      let found = escrows.get(account.address);
      if (!found) escrows.set(account.address, (found = platformContract("P2PEscrow", addresses.escrow, signer(account))));
      return found;
    };
    const reader = platformContract("P2PEscrow", addresses.escrow, provider);
    const { owner, users, arbitrators } = DEV_ROLES;

    // One unlimited approval per trader rather than one per order: the escrow state OpsDeck reads
    // is the same, with a transaction less per order.
    for (const user of users) await platformContract("TestUSDT", addresses.token, signer(user)).getFunction("approve")(addresses.escrow, MaxUint256, DEV_TX_OVERRIDES);

    const firstOrderId = Number(await reader.getFunction("nextOrderId")());
    const { start, end } = timeline(await chainTimestamp(provider), opts.spreadDays);
    const { planned, steps } = planHistory({ orders: opts.orders, seed: opts.seed ?? 1, start, end });
    const arbitratorsByAddress = new Map(arbitrators.map((a) => [a.address.toLowerCase(), a]));
    const result: THistoryResult = { orders: 0, completed: 0, disputed: 0, resolved: 0, expired: 0, autoReleased: 0 };

    let lastTimestamp = await chainTimestamp(provider);
    for (const [done, step] of steps.entries()) {
      // Pin every block's time: automine otherwise adds ≥ 1 s per block and drifts ahead of real time.
      lastTimestamp = Math.max(step.at, lastTimestamp + 1);
      await provider.send("evm_setNextBlockTimestamp", [lastTimestamp]);
      try {
        if (step.kind === "reputation") {
          await platformContract("ArbitratorPool", addresses.arbitratorPool, signer(owner)).getFunction("setReputation")(step.arbitrator.address, step.reputation, DEV_TX_OVERRIDES);
        } else {
          const order = planned[step.order]!;
          await runOrderStep({ kind: step.kind, order, orderId: firstOrderId + step.order, token: addresses.token, escrowAs, reader, arbitratorsByAddress, result });
        }
      } catch (err) {
        const revert = decodeRevert(err);
        const reason = revert ? `${revert.name}(${revert.args.join(", ")})` : err instanceof Error ? err.message : String(err);
        const what = step.kind === "reputation" ? "setReputation" : `${step.kind} of order ${firstOrderId + step.order}`;
        throw new Error(`history: ${what} at ${new Date(lastTimestamp * 1000).toISOString()} failed: ${reason}`, { cause: err });
      }
      opts.onProgress?.(done + 1, steps.length);
    }

    if (opts.spreadDays) {
      // Bring the chain clock to real time, so new transactions (the console's) carry today's date.
      await provider.send("evm_setNextBlockTimestamp", [Math.max(lastTimestamp + 1, Math.floor(Date.now() / 1000))]);
      await provider.send("evm_mine", []);
    }
    const nextOrderId = Number(await reader.getFunction("nextOrderId")());
    if (nextOrderId !== firstOrderId + result.orders) throw new Error(`expected next order id ${firstOrderId + result.orders}, chain says ${nextOrderId}`);
    return result;
  } finally {
    provider.destroy();
  }
}

async function runOrderStep(opts: {
  kind: TStepKind;
  order: TPlannedOrder;
  orderId: number;
  token: string;
  escrowAs: (account: TDevAccount) => Contract;
  reader: Contract;
  arbitratorsByAddress: Map<string, TDevAccount>;
  result: THistoryResult;
}) {
  const { kind, order, orderId, escrowAs, result } = opts;
  // The platform's backend key runs expiries and releases (anyone may; the guide uses the owner).
  const keeper = DEV_ROLES.owner;
  switch (kind) {
    case "create":
      await escrowAs(order.buyer).getFunction("createOrder")(order.seller.address, opts.token, order.amount, DEV_TX_OVERRIDES);
      result.orders++;
      return;
    case "pay":
      await escrowAs(order.buyer).getFunction("markPaid")(orderId, DEV_TX_OVERRIDES);
      return;
    case "complete":
      await escrowAs(order.buyer).getFunction("completeOrder")(orderId, DEV_TX_OVERRIDES);
      result.completed++;
      return;
    case "dispute":
      await escrowAs(order.disputeByBuyer ? order.buyer : order.seller).getFunction("openDispute")(orderId, DEV_TX_OVERRIDES);
      result.disputed++;
      return;
    case "resolveBuyer":
    case "resolveSeller": {
      const { arbitrator } = (await opts.reader.getFunction("orders")(orderId)) as { arbitrator: string };
      const assigned = opts.arbitratorsByAddress.get(arbitrator.toLowerCase());
      const resolver = order.resolveByOwner || !assigned ? DEV_ROLES.owner : assigned;
      const escrow = escrowAs(resolver);
      await (kind === "resolveBuyer" ? escrow.getFunction("resolveToBuyer")(orderId, DEV_TX_OVERRIDES) : escrow.getFunction("resolveToSeller")(orderId, DEV_TX_OVERRIDES));
      result.resolved++;
      return;
    }
    case "expire":
      await escrowAs(keeper).getFunction("autoExpireOrder")(orderId, DEV_TX_OVERRIDES);
      result.expired++;
      return;
    case "autoRelease":
      await escrowAs(keeper).getFunction("autoReleaseToSeller")(orderId, DEV_TX_OVERRIDES);
      result.autoReleased++;
      return;
  }
}
