// An order's state is a fold over its events, in chain order. Rebuilding it this way (instead of
// patching a row per event) is what makes a reorg harmless: drop the orphaned events, fold again.
// Pure: unit-tested in tests/unit/escrow-orders.test.ts.

import { formatUnits } from "ethers";

export type TStoredEvent = { name: string; orderId: bigint | null; blockNumber: bigint; logIndex: number; args: Record<string, string | boolean>; at: Date };

export type TOrderStatus = "created" | "paid" | "completed" | "disputed" | "resolved_buyer" | "resolved_seller" | "expired";

export type TFoldedOrder = {
  buyer: string;
  seller: string;
  token: string;
  amount: string;
  fee: string;
  status: TOrderStatus;
  arbitrator: string | null;
  disputedBy: string | null;
  createdAt: Date;
  paidAt: Date | null;
  disputedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
  createdBlock: bigint;
};

/** Whole-token amounts below 10^32 fit the valued column; anything larger (a griefing order of 1e40) stays unvalued. */
export const MAX_WHOLE_DIGITS = 32;

/** An order's amount in whole tokens ("5250.5"), or null when the token's decimals are unknown or it is absurdly large. */
export function amountValueOf(amount: string, decimals: number | undefined): string | null {
  if (decimals === undefined || BigInt(amount) >= 10n ** BigInt(MAX_WHOLE_DIGITS + decimals)) return null;
  return formatUnits(amount, decimals);
}

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

export function foldOrder(events: readonly TStoredEvent[]): TFoldedOrder | null {
  const sorted = [...events].sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));
  let order: TFoldedOrder | null = null;
  for (const e of sorted) {
    if (e.name === "OrderCreated") {
      order = {
        buyer: String(e.args.buyer).toLowerCase(),
        seller: String(e.args.seller).toLowerCase(),
        token: String(e.args.token).toLowerCase(),
        amount: String(e.args.amount),
        fee: String(e.args.fee),
        status: "created",
        arbitrator: null,
        disputedBy: null,
        createdAt: e.at,
        paidAt: null,
        disputedAt: null,
        closedAt: null,
        updatedAt: e.at,
        createdBlock: e.blockNumber,
      };
      continue;
    }
    if (!order) continue; // its creation is not synced (before the deploy block): nothing to fold onto
    order.updatedAt = e.at;
    switch (e.name) {
      case "OrderPaid":
        order.status = "paid";
        order.paidAt = e.at;
        break;
      case "OrderDisputed":
        order.status = "disputed";
        order.disputedAt = e.at;
        order.disputedBy = String(e.args.openedBy).toLowerCase();
        order.arbitrator = e.args.arbitrator && e.args.arbitrator !== ZERO_ADDRESS ? String(e.args.arbitrator).toLowerCase() : null;
        break;
      case "DisputeResolved":
        order.status = e.args.favoredBuyer === true || e.args.favoredBuyer === "true" ? "resolved_buyer" : "resolved_seller";
        order.closedAt = e.at;
        break;
      case "OrderCompleted":
      case "OrderAutoReleased":
        // A resolution to the seller also emits OrderCompleted (its fee is collected); it stays "resolved".
        if (order.status !== "resolved_seller" && order.status !== "resolved_buyer") order.status = "completed";
        order.closedAt = e.at;
        break;
      case "OrderExpired":
        order.status = "expired";
        order.closedAt = e.at;
        break;
    }
  }
  return order;
}
