import { describe, expect, it } from "vitest";
import { amountValueOf, foldOrder, type TStoredEvent } from "@/lib/chains/escrow-orders";

const at = (m: number) => new Date(Date.UTC(2026, 10, 1, 0, m));
const ev = (name: string, block: number, args: Record<string, string | boolean> = {}, logIndex = 0): TStoredEvent => ({ name, orderId: 1n, blockNumber: BigInt(block), logIndex, args: { orderId: "1", ...args }, at: at(block) });
const created = ev("OrderCreated", 1, { buyer: "0xB", seller: "0xS", token: "0xT", amount: "1000000", fee: "10000" });

describe("[CHAINS][SYNC] an order is the fold of its events", () => {
  it("walks created → paid → completed", () => {
    const order = foldOrder([ev("OrderCompleted", 3, { amount: "1000000", fee: "10000" }), created, ev("OrderPaid", 2)]);
    expect(order).toMatchObject({ buyer: "0xb", seller: "0xs", status: "completed", amount: "1000000", fee: "10000", paidAt: at(2), closedAt: at(3), createdBlock: 1n });
  });

  it("records the dispute and keeps a seller resolution 'resolved' although OrderCompleted follows in the same transaction", () => {
    const order = foldOrder([created, ev("OrderPaid", 2), ev("OrderDisputed", 3, { openedBy: "0xB", arbitrator: "0xA" }), ev("DisputeResolved", 4, { favoredBuyer: false, resolvedBy: "0xA" }, 0), ev("OrderCompleted", 4, {}, 1)]);
    expect(order).toMatchObject({ status: "resolved_seller", arbitrator: "0xa", disputedBy: "0xb", disputedAt: at(3), closedAt: at(4) });
  });

  it("reads a buyer resolution and an expiry", () => {
    expect(foldOrder([created, ev("OrderPaid", 2), ev("OrderDisputed", 3, { openedBy: "0xS", arbitrator: "0x0000000000000000000000000000000000000000" }), ev("DisputeResolved", 5, { favoredBuyer: true })])).toMatchObject({ status: "resolved_buyer", arbitrator: null });
    expect(foldOrder([created, ev("OrderExpired", 9)])?.status).toBe("expired");
  });

  it("has no order without its creation event (e.g. after that block was reorganised away)", () => {
    expect(foldOrder([ev("OrderPaid", 2)])).toBeNull();
  });
});

describe("[CHAINS][ORDERS][VALUE]: amounts in whole tokens", () => {
  it("divides by the token's decimals, and leaves unknown tokens and absurd amounts unvalued", () => {
    expect(amountValueOf("5250500000", 6)).toBe("5250.5");
    expect(amountValueOf("1", 18)).toBe("0.000000000000000001");
    expect(amountValueOf("5250500000", undefined)).toBeNull();
    // createOrder takes any amount before payment: 1e40 must not overflow the column and stop the sync.
    expect(amountValueOf("1" + "0".repeat(40), 6)).toBeNull();
    expect(amountValueOf((10n ** 38n - 1n).toString(), 6)).toBe("99999999999999999999999999999999.999999");
  });
});
