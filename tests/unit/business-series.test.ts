import { describe, expect, it } from "vitest";
import { chainRows, chainsCsv, dailyCsv, daySeries, disputesCsv, fromMicros, growthCsv, growthSeries, moneySeries, sellersCsv, toMicros, totals, windowDays, type TOrderDayRow } from "@/lib/business/series";

const NOW = new Date("2025-03-10T15:00:00Z");
const row = (r: Partial<TOrderDayRow> & Pick<TOrderDayRow, "day">): TOrderDayRow => ({ chain: "evm:1", symbol: "USDT", orders: 0, completed: 0, disputes: 0, unvalued: 0, volume: "0", fees: "0", ...r });

describe("[BUSINESS][SERIES]: days", () => {
  it("covers 30 UTC days ending today, oldest first, across a month end", () => {
    const days = windowDays(NOW);
    expect(days).toHaveLength(30);
    expect(days[0]).toBe("2025-02-09");
    expect(days.at(-1)).toBe("2025-03-10");
    expect(days).toContain("2025-02-28");
    expect(days).toContain("2025-03-01");
  });

  it("shows a quiet day as zero and adds chains and tokens of one day together", () => {
    const series = daySeries(
      [row({ day: "2025-03-08", orders: 3, completed: 2, disputes: 1 }), row({ day: "2025-03-08", chain: "evm:2", symbol: "DAI", orders: 1, completed: 1 }), row({ day: "2025-03-10", orders: 4, disputes: 1 })],
      { now: NOW },
    );
    expect(series).toHaveLength(30);
    expect(series.find((d) => d.day === "2025-03-08")).toEqual({ day: "2025-03-08", label: "03-08", orders: 4, completed: 3, disputes: 1, disputePct: 25 });
    expect(series.find((d) => d.day === "2025-03-09")).toEqual({ day: "2025-03-09", label: "03-09", orders: 0, completed: 0, disputes: 0, disputePct: 0 });
    expect(series.at(-1)?.disputePct).toBe(25);
  });
});

describe("[BUSINESS][SERIES]: money per token", () => {
  it("adds amounts exactly, never across tokens, and leaves out tokens without value", () => {
    const money = moneySeries(
      [
        row({ day: "2025-03-08", volume: "0.1", fees: "0.000001" }),
        row({ day: "2025-03-08", chain: "evm:2", volume: "0.2", fees: "0.000002" }),
        row({ day: "2025-03-09", volume: "100.5", fees: "1.005" }),
        row({ day: "2025-03-09", symbol: "DAI", volume: "7", fees: "0.07" }),
        row({ day: "2025-03-09", symbol: null, orders: 2, completed: 2, unvalued: 2 }),
      ],
      { now: NOW },
    );
    expect(money.map((m) => m.symbol)).toEqual(["USDT", "DAI"]);
    expect(money[0]).toMatchObject({ volume: "100.8", fees: "1.005003" });
    expect(money[0]!.exact.find((e) => e.day === "2025-03-08")).toEqual({ day: "2025-03-08", volume: "0.3", fees: "0.000003" });
    expect(money[0]!.days.find((e) => e.day === "2025-03-10")).toMatchObject({ volume: 0, fees: 0 });
    expect(money[1]).toMatchObject({ symbol: "DAI", volume: "7", fees: "0.07" });
  });

  it("converts decimal strings to millionths and back", () => {
    expect(toMicros("12.5")).toBe(12_500_000n);
    expect(toMicros("-0.000001")).toBe(-1n);
    expect(toMicros("3.1234567")).toBe(3_123_456n);
    expect(fromMicros(12_500_000n)).toBe("12.5");
    expect(fromMicros(-1n)).toBe("-0.000001");
    expect(fromMicros(0n)).toBe("0");
  });
});

describe("[BUSINESS][SERIES]: growth, chains and totals", () => {
  it("runs the wallet total on from the wallets seen before the window", () => {
    const growth = growthSeries([{ day: "2025-03-01", wallets: 2 }, { day: "2025-03-10", wallets: 3 }], { before: 10, now: NOW });
    expect(growth[0]).toMatchObject({ wallets: 0, cumulative: 10 });
    expect(growth.find((g) => g.day === "2025-03-01")).toMatchObject({ wallets: 2, cumulative: 12 });
    expect(growth.find((g) => g.day === "2025-03-09")).toMatchObject({ wallets: 0, cumulative: 12 });
    expect(growth.at(-1)).toMatchObject({ wallets: 3, cumulative: 15 });
  });

  it("puts the busiest chain first with its volume per token", () => {
    const chains = chainRows([
      row({ day: "2025-03-08", orders: 1, completed: 1, volume: "5" }),
      row({ day: "2025-03-08", chain: "evm:2", orders: 3, completed: 1, disputes: 1, volume: "2" }),
      row({ day: "2025-03-09", chain: "evm:2", symbol: "DAI", orders: 1, completed: 1, volume: "4" }),
      row({ day: "2025-03-09", chain: "evm:2", symbol: null, orders: 1 }),
    ]);
    expect(chains).toEqual([
      { chain: "evm:2", orders: 5, completed: 2, disputes: 1, volume: [{ symbol: "DAI", amount: "4" }, { symbol: "USDT", amount: "2" }] },
      { chain: "evm:1", orders: 1, completed: 1, disputes: 0, volume: [{ symbol: "USDT", amount: "5" }] },
    ]);
  });

  it("gives the window's completion and dispute rates", () => {
    const rows = [row({ day: "2025-03-08", orders: 8, completed: 6, disputes: 1 }), row({ day: "2025-03-09", orders: 4, completed: 3, disputes: 2, unvalued: 1 })];
    const growth = growthSeries([{ day: "2025-03-09", wallets: 5 }], { before: 0, now: NOW });
    expect(totals(rows, growth)).toEqual({ orders: 12, completed: 9, disputes: 3, completionPct: 75, disputePct: 25, unvalued: 1, newWallets: 5 });
  });
});

describe("[BUSINESS][CSV]: files", () => {
  it("writes the daily file with a volume and fee column per token, one line per day", () => {
    const rows = [row({ day: "2025-03-10", orders: 2, completed: 1, volume: "10.5", fees: "0.105" })];
    const csv = dailyCsv(daySeries(rows, { now: NOW }), moneySeries(rows, { now: NOW }));
    const lines = csv.trimEnd().split("\n");
    expect(lines[0]).toBe("day,orders_created,orders_completed,volume_USDT,fees_USDT");
    expect(lines).toHaveLength(31);
    expect(lines[1]).toBe("2025-02-09,0,0,0,0");
    expect(lines.at(-1)).toBe("2025-03-10,2,1,10.5,0.105");
  });

  it("guards cells a spreadsheet would run as a formula, and keeps a symbol out of column names", () => {
    const csv = chainsCsv([{ chain: "=HYPERLINK(\"x\")", orders: 1, completed: 1, disputes: 0, volume: [{ symbol: "=cmd|x", amount: "1" }] }]);
    const [header, line] = csv.trimEnd().split("\n");
    expect(header).toBe("chain,orders_created,orders_completed,disputed,volume__cmd_x");
    expect(line).toBe(`"'=HYPERLINK(""x"")",1,1,0,1`);
    expect(sellersCsv([{ rank: 1, chain: "evm:1", seller: "+0xabc", symbol: "USDT", completed: 2, volume: "20", disputes: 1 }])).toBe(
      "rank,chain,seller,token,completed_orders,volume,disputed_orders\n1,evm:1,'+0xabc,USDT,2,20,1\n",
    );
  });

  it("marks the days above the dispute line and writes the growth file", () => {
    const days = daySeries([row({ day: "2025-03-10", orders: 10, disputes: 2 }), row({ day: "2025-03-09", orders: 10, disputes: 1 })], { now: NOW });
    const lines = disputesCsv(days, 15).trimEnd().split("\n");
    expect(lines[0]).toBe("day,orders_created,disputed,dispute_rate_pct,above_threshold");
    expect(lines.slice(-2)).toEqual(["2025-03-09,10,1,10,no", "2025-03-10,10,2,20,yes"]);
    const growth = growthCsv(growthSeries([{ day: "2025-03-10", wallets: 4 }], { before: 1, now: NOW })).trimEnd().split("\n");
    expect(growth[0]).toBe("day,new_wallets,cumulative_wallets");
    expect(growth.at(-1)).toBe("2025-03-10,4,5");
  });
});
