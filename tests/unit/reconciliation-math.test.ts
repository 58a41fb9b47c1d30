import { describe, expect, it } from "vitest";
import { chartPoints, dayStatus, feesElsewhere, reconciliationCsv, toRow, toleranceBase, type TRawRow } from "@/lib/treasury/reconciliation-math";

const TREASURY = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const OTHER = "0x000000000000000000000000000000000000beef";
const SELLER = "0x14dc79964da2c08b23698b3d3cc7ca32193d9955";

const raw = (over: Partial<TRawRow> = {}): TRawRow => ({
  day: "2026-03-10",
  token: "0xtoken",
  symbol: "USDT",
  decimals: 6,
  fromBlock: 100n,
  toBlock: 200n,
  completedOrders: 2,
  expectedFees: 5_000_000n,
  feesReceived: 5_000_000n,
  otherIn: 0n,
  otherOut: 1_000_000n,
  opening: 10_000_000n,
  closing: 14_000_000n,
  isFinal: true,
  feesElsewhere: {},
  ...over,
});

describe("[TREASURY][RECONCILIATION]: tolerance in base units", () => {
  it("turns 0.01 USDT into 10,000 base units and drops digits the token cannot hold", () => {
    expect(toleranceBase(0.01, 6)).toBe(10_000n);
    expect(toleranceBase(0.01, 18)).toBe(10n ** 16n);
    expect(toleranceBase(0.015, 2)).toBe(1n);
    expect(toleranceBase(1e-7, 6)).toBe(0n);
    expect(toleranceBase(-1, 6)).toBe(0n);
  });
});

describe("[TREASURY][RECONCILIATION]: day status", () => {
  const opts = { today: "2026-03-11", tolerance: 10_000n };
  it("calls a finished, synced day in line ok and today's open", () => {
    expect(dayStatus(raw(), opts)).toBe("ok");
    expect(dayStatus(raw({ day: "2026-03-11", isFinal: false }), opts)).toBe("open");
  });
  it("flags a difference beyond the tolerance either way, and not one within it", () => {
    expect(dayStatus(raw({ feesReceived: 4_000_000n }), opts)).toBe("mismatch");
    expect(dayStatus(raw({ feesReceived: 6_000_000n, day: "2026-03-11", isFinal: false }), opts)).toBe("mismatch");
    expect(dayStatus(raw({ feesReceived: 4_990_000n }), opts)).toBe("ok");
    expect(dayStatus(raw({ feesReceived: 4_989_999n }), opts)).toBe("mismatch");
  });
  it("waits for the sync when none of the day is synced, or a finished day is not final yet", () => {
    expect(dayStatus(raw({ toBlock: 99n, feesReceived: 0n }), opts)).toBe("waiting");
    expect(dayStatus(raw({ isFinal: false }), opts)).toBe("waiting");
  });
});

describe("[TREASURY][RECONCILIATION]: where the fees went", () => {
  const payout = (tx: string, i: number, to: string, value: bigint) => ({ txHash: tx, logIndex: i, to, value });
  it("takes the escrow transfer just before OrderCompleted as the fee and names a non-treasury recipient", () => {
    const out = feesElsewhere({
      completions: [
        { txHash: "0xa", logIndex: 2, fee: 2_500_000n },
        { txHash: "0xb", logIndex: 2, fee: 3_000_000n },
      ],
      escrowOutflows: [payout("0xa", 0, SELLER, 247_500_000n), payout("0xa", 1, TREASURY, 2_500_000n), payout("0xb", 0, SELLER, 297_000_000n), payout("0xb", 1, OTHER, 3_000_000n)],
      treasury: new Set([TREASURY]),
    });
    expect(out).toEqual({ [OTHER]: 3_000_000n });
  });
  it("does not blame the seller's payout when it equals the fee, and ignores a transfer whose value differs", () => {
    const out = feesElsewhere({
      completions: [
        { txHash: "0xa", logIndex: 2, fee: 5n },
        { txHash: "0xb", logIndex: 2, fee: 7n },
      ],
      escrowOutflows: [payout("0xa", 0, SELLER, 5n), payout("0xa", 1, TREASURY, 5n), payout("0xb", 0, SELLER, 7n), payout("0xb", 1, OTHER, 6n)],
      treasury: new Set([TREASURY]),
    });
    expect(out).toEqual({});
  });
  it("pairs each order of a batch transaction with its own fee", () => {
    const out = feesElsewhere({
      completions: [
        { txHash: "0xc", logIndex: 2, fee: 1n },
        { txHash: "0xc", logIndex: 5, fee: 2n },
      ],
      escrowOutflows: [payout("0xc", 0, SELLER, 99n), payout("0xc", 1, OTHER, 1n), payout("0xc", 3, SELLER, 198n), payout("0xc", 4, OTHER, 2n)],
      treasury: new Set([TREASURY]),
    });
    expect(out).toEqual({ [OTHER]: 3n });
  });
});

describe("[TREASURY][RECONCILIATION]: rows, chart and CSV", () => {
  const opts = { today: "2026-03-11", tolerance: 10_000n };
  it("shows whole units, the signed difference, the balance check and where fees went", () => {
    const row = toRow(raw({ feesReceived: 2_000_000n, closing: 11_000_000n, feesElsewhere: { [OTHER]: 3_000_000n } }), opts);
    expect(row).toMatchObject({ expected: "5.0", received: "2.0", difference: "3.0", opening: "10.0", closing: "11.0", otherOut: "1.0", unexplained: "0.0", status: "mismatch", elsewhere: [{ address: OTHER, amount: "3.0" }] });
    expect(toRow(raw({ closing: 15_000_000n }), opts).unexplained).toBe("1.0");
  });

  it("charts every one of the last days, a day without a row as zero", () => {
    const rows = [toRow(raw({ day: "2026-03-11" }), opts), toRow(raw({ day: "2026-03-09", feesReceived: 1_500_000n }), opts)];
    const points = chartPoints(rows, { token: "0xtoken", days: 3, now: new Date("2026-03-11T15:00:00Z") });
    expect(points).toEqual([
      { day: "2026-03-09", label: "03-09", expected: 5, received: 1.5 },
      { day: "2026-03-10", label: "03-10", expected: 0, received: 0 },
      { day: "2026-03-11", label: "03-11", expected: 5, received: 5 },
    ]);
  });

  it("exports the table as CSV with plain numbers (a negative difference too) and a guarded symbol", () => {
    const rows = [toRow(raw({ feesReceived: 6_000_000n, symbol: "=cmd()", feesElsewhere: {} }), opts), toRow(raw({ feesReceived: 2_000_000n, feesElsewhere: { [OTHER]: 3_000_000n } }), opts)];
    const lines = reconciliationCsv(rows).trimEnd().split("\n");
    expect(lines[0]).toBe("day,token,symbol,from_block,to_block,completed_orders,expected_fees,fees_received,difference,other_in,other_out,opening,closing,status,fees_elsewhere");
    expect(lines[1]).toBe("2026-03-10,0xtoken,'=cmd(),100,200,2,5.0,6.0,-1.0,0.0,1.0,10.0,14.0,mismatch,");
    expect(lines[2]).toBe(`2026-03-10,0xtoken,USDT,100,200,2,5.0,2.0,3.0,0.0,1.0,10.0,14.0,mismatch,${OTHER}:3.0`);
  });
});
