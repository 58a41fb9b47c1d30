// A dispute is an escrow order on one chain. Its reference in URLs and forms is
// "<family>-<chainId>-<orderId>" ("evm-31337-42"), the stored chain key "evm:31337".

export type TDisputeRef = { chain: string; orderId: bigint };

export function disputeRef(chain: string, orderId: bigint | number | string): string {
  return `${chain.replace(":", "-")}-${orderId}`;
}

export function parseDisputeRef(ref: string): TDisputeRef | null {
  const m = /^(evm)-(\d{1,12})-(\d{1,18})$/.exec(ref);
  if (!m) return null;
  const orderId = BigInt(m[3]!);
  return orderId > 0n && orderId <= BigInt(Number.MAX_SAFE_INTEGER) ? { chain: `${m[1]}:${m[2]}`, orderId } : null;
}

/** "EVM 31337 · #42" for people. */
export function disputeLabel(chain: string, orderId: bigint | number | string) {
  return `#${orderId} on ${chain.replace(":", " ").toUpperCase()}`;
}
