import "server-only";
import type { TPrisma } from "@/lib/db/prisma";
import { evmChain } from "@/lib/chains/evm";
import { xrplChain } from "@/lib/chains/xrpl";
import type { TEndpointRole } from "@/lib/chains/failover";

// RB-07's manual switch lives in the database so every instance follows it; each instance
// applies it to its own failover pools when it next reads chain state.

export const CHAIN_KEYS = ["evm", "xrpl"] as const;
export type TChainKey = (typeof CHAIN_KEYS)[number];

export async function applyEndpointOverrides(db: TPrisma) {
  const rows = await db.chainEndpointOverride.findMany();
  const byChain = new Map(rows.map((r) => [r.chain, r.endpoint as TEndpointRole]));
  evmChain()?.pool.setOverride(byChain.get("evm") ?? null);
  xrplChain()?.pool.setOverride(byChain.get("xrpl") ?? null);
  return rows;
}
