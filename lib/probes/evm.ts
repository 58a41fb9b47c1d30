import "server-only";
import { ProbeError, describeError, elapsedSince, endpointUrl, threshold, timeoutMessage } from "@/lib/probes/outcome";
import type { TProbeDetail, TProbeInput, TProbeOutcome } from "@/lib/probes/types";

// An EVM JSON-RPC endpoint: does it answer, is its head fresh, and is it behind a second RPC of
// the same chain. Raw JSON-RPC over fetch, so no provider keeps polling after the probe.
// Thresholds:
//   blockAgeWarnSeconds  120  latest block older → degraded (BSC makes a block every 3 s, Ethereum
//                             every 12 s: two minutes without one is a stalled node or chain)
//   blockAgeCritSeconds  600  older → error: the guide's "Blockchain sync stuck" (10 min)
//   lagWarnBlocks         10  primary this far behind fallbackEndpoint → degraded (RB-07: fail
//                             over to the RPC that is current)
// A fallback that does not answer is only noted (fallbackError): it says nothing about the primary.
// Nor does one on another chain (a different eth_chainId): its height is not comparable, so the
// lag is left out rather than made up.

type TRpcBlock = { number?: string; timestamp?: string };
type TFallbackHead = { chainId: number; blockNumber: number } | { error: string };

async function rpc({ url, method, params, signal }: { url: string; method: string; params: unknown[]; signal: AbortSignal }): Promise<unknown> {
  const target = endpointUrl({ endpoint: url, protocols: ["http:", "https:"] });
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  // fetch refuses URLs with credentials; RPCs behind basic auth get them as a header instead.
  if (target.username || target.password) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString("base64")}`;
    target.username = "";
    target.password = "";
  }
  const res = await fetch(target, {
    method: "POST",
    headers,
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal,
  });
  if (!res.ok) throw new ProbeError(`HTTP ${res.status}`);
  const body = (await res.json().catch(() => null)) as { result?: unknown; error?: { message?: unknown } } | null;
  if (!body || typeof body !== "object") throw new ProbeError("not a JSON-RPC response");
  if (body.error) throw new ProbeError(`RPC error: ${String(body.error.message ?? "unknown")}`);
  return body.result;
}

function hexNumber(value: unknown, what: string): number {
  const n = typeof value === "string" && /^0x[0-9a-f]+$/i.test(value) ? Number.parseInt(value, 16) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new ProbeError(`invalid ${what} in RPC response`);
  return n;
}

/** How many blocks the primary is behind the fallback; a primary ahead is not behind (0). */
export function lagBlocks({ primary, fallback }: { primary: number; fallback: number }): number {
  return Math.max(0, fallback - primary);
}

export async function probeEvm({ spec, signal }: TProbeInput): Promise<TProbeOutcome> {
  // Asked alongside the primary and cut off a little before the deadline, so a hanging fallback
  // cannot turn a healthy primary into a timed-out probe; caught at once, never unhandled.
  const fallbackBudgetMs = Math.max(Math.floor(spec.timeoutMs / 2), spec.timeoutMs - 100);
  const fallbackCutoff = new AbortController();
  const cutoffTimer = setTimeout(() => fallbackCutoff.abort(), fallbackBudgetMs);
  const fallbackSignal = AbortSignal.any([signal, fallbackCutoff.signal]);
  const fallback: Promise<TFallbackHead> | null = spec.fallbackEndpoint
    ? Promise.all([
        rpc({ url: spec.fallbackEndpoint, method: "eth_chainId", params: [], signal: fallbackSignal }),
        rpc({ url: spec.fallbackEndpoint, method: "eth_blockNumber", params: [], signal: fallbackSignal }),
      ])
        .then(([chainId, blockNumber]) => ({ chainId: hexNumber(chainId, "chain id"), blockNumber: hexNumber(blockNumber, "block number") }))
        .catch((err: unknown) => ({ error: fallbackCutoff.signal.aborted ? timeoutMessage(fallbackBudgetMs) : describeError(err) }))
    : null;

  try {
    return await probePrimary({ spec, signal, fallback });
  } finally {
    clearTimeout(cutoffTimer);
    fallbackCutoff.abort();
  }
}

async function probePrimary({ spec, signal, fallback }: TProbeInput & { fallback: Promise<TFallbackHead> | null }): Promise<TProbeOutcome> {
  const call = (method: string, params: unknown[] = []) => rpc({ url: spec.endpoint, method, params, signal });
  const started = performance.now();
  const blockNumber = hexNumber(await call("eth_blockNumber"), "block number");
  const latencyMs = elapsedSince(started);
  const [block, chainIdHex] = (await Promise.all([call("eth_getBlockByNumber", ["latest", false]), call("eth_chainId")])) as [TRpcBlock | null, unknown];
  if (!block) throw new ProbeError("latest block not found");
  const chainId = hexNumber(chainIdHex, "chain id");
  // Whole seconds on both sides; a block stamped ahead of our clock (skew) counts as fresh.
  const blockAgeSeconds = Math.max(0, Math.floor(Date.now() / 1000) - hexNumber(block.timestamp, "block timestamp"));

  const detail: TProbeDetail = { latencyMs, chainId, blockNumber, blockAgeSeconds };
  let lag: number | null = null;
  if (fallback) {
    const head = await fallback;
    if ("error" in head) {
      Object.assign(detail, { fallbackBlockNumber: null, lagBlocks: null, fallbackError: head.error });
    } else if (head.chainId !== chainId) {
      Object.assign(detail, { fallbackBlockNumber: head.blockNumber, lagBlocks: null, fallbackError: `fallback is on another chain (${head.chainId})` });
    } else {
      lag = lagBlocks({ primary: blockNumber, fallback: head.blockNumber });
      Object.assign(detail, { fallbackBlockNumber: head.blockNumber, lagBlocks: lag, fallbackError: null });
    }
  }

  if (blockAgeSeconds > threshold({ spec, name: "blockAgeCritSeconds", fallback: 600 })) {
    return { status: "error", latencyMs, detail, error: `latest block is ${blockAgeSeconds} s old` };
  }
  const isStale = blockAgeSeconds > threshold({ spec, name: "blockAgeWarnSeconds", fallback: 120 });
  const isBehind = lag !== null && lag > threshold({ spec, name: "lagWarnBlocks", fallback: 10 });
  return { status: isStale || isBehind ? "degraded" : "ok", latencyMs, detail, error: null };
}
