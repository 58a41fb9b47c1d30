import "server-only";
import type { TPrisma } from "@/lib/db/prisma";
import type { TCheck } from "@/lib/health/status";
import { chainKey, evmChain, readEscrowState, readHead, type TEscrowState } from "@/lib/chains/evm";
import { readXrplServer, xrplChain, type TXrplServer } from "@/lib/chains/xrpl";
import { applyEndpointOverrides } from "@/lib/chains/overrides";
import type { TPoolSnapshot } from "@/lib/chains/failover";
import { endpointLabel } from "@/lib/services/endpoint";
import { ESCROW_PAUSE_NOTICE_KEY, type TEscrowPauseNotice } from "@/lib/chains/escrow-notice";

// What the chains page and /api/health say about each chain. Endpoint URLs are shown by origin
// only: provider URLs often carry an API key in their path or query.

/** RB-03: alert above 100 blocks behind, or when the cursor has not moved for 10 minutes while the chain did. */
export const SYNC_LAG_ALERT_BLOCKS = 100;
export const SYNC_STALL_ALERT_SECONDS = 600;

export type TEndpointView = { role: "primary" | "fallback"; origin: string; isActive: boolean; isSetAside: boolean; consecutiveFailures: number; lastError: string | null; lastLatencyMs: number | null };

export type TChainStatus = {
  key: "evm" | "xrpl";
  name: string;
  status: TCheck["status"];
  detail: string;
  override: string | null;
  endpoints: TEndpointView[];
  height: number | null;
  ageSeconds: number | null;
};

function endpointsOf(snapshot: TPoolSnapshot): TEndpointView[] {
  return snapshot.endpoints.map((e) => ({
    role: e.role,
    origin: endpointLabel(e.url),
    isActive: snapshot.active === e.role,
    isSetAside: e.isSetAside,
    consecutiveFailures: e.consecutiveFailures,
    lastError: e.lastError,
    lastLatencyMs: e.lastLatencyMs === null ? null : Math.round(e.lastLatencyMs),
  }));
}

/** ok on the primary; degraded when answered by the fallback (or pinned there); error when nothing answers. */
function statusAfterCall(snapshot: TPoolSnapshot, answeredBy: string | null): { status: TCheck["status"]; detail: string } {
  if (!answeredBy) return { status: "error", detail: "No endpoint answers" };
  if (answeredBy === "fallback") return { status: "degraded", detail: snapshot.override === "fallback" ? "Pinned to the fallback endpoint (RB-07)" : "Primary endpoint down: using the fallback" };
  return { status: "ok", detail: "Primary endpoint answering" };
}

export type TEvmView = TChainStatus & { key: "evm"; chainId: number; escrow: TEscrowState | null; escrowError: string | null };
export type TXrplView = TChainStatus & { key: "xrpl"; server: TXrplServer | null };

export async function readEvmView(db: TPrisma): Promise<TEvmView | null> {
  const chain = evmChain();
  if (!chain) return null;
  await applyEndpointOverrides(db);
  let height: number | null = null;
  let ageSeconds: number | null = null;
  let answeredBy: string | null = null;
  let error: string | null = null;
  try {
    const head = await readHead(chain);
    height = head.number;
    ageSeconds = head.ageSeconds;
    answeredBy = chain.pool.snapshot().active;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  let escrow: TEscrowState | null = null;
  let escrowError: string | null = null;
  if (chain.escrow && answeredBy) {
    try {
      escrow = await readEscrowState(chain);
    } catch (err) {
      escrowError = err instanceof Error ? err.message : String(err);
    }
  }
  const snapshot = chain.pool.snapshot();
  const health = statusAfterCall(snapshot, answeredBy);
  return {
    key: "evm",
    name: chain.name,
    chainId: chain.chainId,
    ...health,
    detail: error ?? health.detail,
    override: snapshot.override,
    endpoints: endpointsOf(snapshot),
    height,
    ageSeconds,
    escrow,
    escrowError,
  };
}

export async function readXrplView(db: TPrisma): Promise<TXrplView | null> {
  const chain = xrplChain();
  if (!chain) return null;
  await applyEndpointOverrides(db);
  let server: TXrplServer | null = null;
  let error: string | null = null;
  try {
    server = await readXrplServer(chain);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const snapshot = chain.pool.snapshot();
  const health = statusAfterCall(snapshot, server ? snapshot.active : null);
  return {
    key: "xrpl",
    name: chain.name,
    ...health,
    detail: error ?? health.detail,
    override: snapshot.override,
    endpoints: endpointsOf(snapshot),
    height: server?.validatedLedger ?? null,
    ageSeconds: server?.ledgerAgeSeconds ?? null,
    server,
  };
}

export type TSyncView = {
  chain: string;
  lastBlock: number;
  headBlock: number | null;
  lagBlocks: number | null;
  secondsSinceMoved: number;
  checkedAt: Date;
  lastError: string | null;
  errorCount: number;
  isAlerting: boolean;
  orders: number;
  events: number;
};

export async function readSyncView(db: TPrisma): Promise<TSyncView | null> {
  const chain = evmChain();
  if (!chain?.escrow) return null;
  const key = chainKey(chain);
  const [cursor, orders, events] = await Promise.all([
    db.chainCursor.findUnique({ where: { chain: key } }),
    db.escrowOrder.count({ where: { chain: key } }),
    db.escrowEvent.count({ where: { chain: key } }),
  ]);
  if (!cursor) return null;
  const lastBlock = Number(cursor.lastBlock);
  const headBlock = cursor.headBlock === null ? null : Number(cursor.headBlock);
  const lagBlocks = headBlock === null ? null : Math.max(0, headBlock - chain.confirmations - lastBlock);
  const secondsSinceMoved = Math.round((Date.now() - cursor.movedAt.getTime()) / 1000);
  const isStalled = (lagBlocks ?? 0) > 0 && secondsSinceMoved > SYNC_STALL_ALERT_SECONDS;
  return {
    chain: key,
    lastBlock,
    headBlock,
    lagBlocks,
    secondsSinceMoved,
    checkedAt: cursor.checkedAt,
    lastError: cursor.lastError,
    errorCount: cursor.errorCount,
    isAlerting: (lagBlocks ?? 0) > SYNC_LAG_ALERT_BLOCKS || isStalled || cursor.errorCount >= 3,
    orders,
    events,
  };
}

export async function readPauseNotice(db: TPrisma): Promise<TEscrowPauseNotice | null> {
  const row = await db.setting.findUnique({ where: { key: ESCROW_PAUSE_NOTICE_KEY } });
  return (row?.value as TEscrowPauseNotice | undefined) ?? null;
}

export type TChainTxView = { id: string; chain: string; purpose: string; txHash: string; status: string; nonce: number; blockNumber: number | null; error: string | null; createdAt: Date; confirmedAt: Date | null };

export async function readRecentChainTransactions(db: TPrisma, take = 10): Promise<TChainTxView[]> {
  const rows = await db.chainTransaction.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, chain: true, purpose: true, txHash: true, status: true, nonce: true, blockNumber: true, error: true, createdAt: true, confirmedAt: true },
  });
  return rows.map((r) => ({ ...r, nonce: Number(r.nonce), blockNumber: r.blockNumber === null ? null : Number(r.blockNumber) }));
}

/** Chain checks for /api/health and the overview. */
export async function chainHealthChecks(db: TPrisma): Promise<TCheck[]> {
  const [evm, xrpl] = await Promise.all([readEvmView(db).catch(() => null), readXrplView(db).catch(() => null)]);
  const check = (name: string, view: TChainStatus | null): TCheck =>
    view ? { name, status: view.status, detail: view.detail } : { name, status: "not_configured", detail: `No ${name.toUpperCase()} endpoint is configured` };
  return [check("evm", evm), check("xrpl", xrpl)];
}
