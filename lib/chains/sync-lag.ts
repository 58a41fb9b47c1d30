import "server-only";
import { chainKey, evmChain } from "@/lib/chains/evm";

// How far an event-sync cursor is behind, the way the sync itself counts: it stops at
// head − confirmations on purpose, so those blocks are not lag. One rule for the overview, the
// daily check and the alerts; cursors of chains no longer configured are not reported.

export type TCursorLike = { chain: string; lastBlock: bigint; headBlock: bigint | null; movedAt: Date };

export type TCursorLag = { chain: string; lastBlock: number; lagBlocks: number | null; minutesStill: number; isStuck: boolean };

export function configuredCursorLags(cursors: readonly TCursorLike[], now: Date, staleMinutes: number): TCursorLag[] {
  const chain = evmChain();
  if (!chain) return [];
  return cursors
    .filter((c) => c.chain === chainKey(chain))
    .map((c) => {
      const lagBlocks = c.headBlock === null ? null : Math.max(0, Number(c.headBlock) - chain.confirmations - Number(c.lastBlock));
      const minutesStill = Math.max(0, Math.floor((now.getTime() - c.movedAt.getTime()) / 60_000));
      // Still for a while is only stuck when there is something to read.
      return { chain: c.chain, lastBlock: Number(c.lastBlock), lagBlocks, minutesStill, isStuck: (lagBlocks ?? 0) > 0 && minutesStill >= staleMinutes };
    });
}
