import "server-only";
import type { TPrisma } from "@/lib/db/prisma";

// RB-04's trigger, in one place: the share of the orders created in a window that went to a
// dispute (open or resolved either way). The alert rules, the runbook check and the dispute
// pages all read it from here.

export const DISPUTED_STATUSES = ["disputed", "resolved_buyer", "resolved_seller"] as const;

export type TDisputeRate = { orders: number; disputed: number; pct: number };

export function ratePct(disputed: number, orders: number) {
  return orders ? Math.round((1000 * disputed) / orders) / 10 : 0;
}

export async function readDisputeRate(db: TPrisma, chain: string, since: Date, until?: Date): Promise<TDisputeRate> {
  const where = { chain, createdAt: { gt: since, ...(until ? { lte: until } : {}) } };
  const [orders, disputed] = await Promise.all([
    db.escrowOrder.count({ where }),
    db.escrowOrder.count({ where: { ...where, status: { in: [...DISPUTED_STATUSES] } } }),
  ]);
  return { orders, disputed, pct: ratePct(disputed, orders) };
}
