import "server-only";
import { formatUnits } from "ethers";
import type { TreasuryPurpose } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import type { TThresholdValues } from "@/lib/alerts/rules";
import { accountThresholds } from "@/lib/treasury/accounts";
import { signerFor } from "@/lib/treasury/keys";

// What the treasury pages show: accounts with their latest balance against their lines, the
// address book, and transfers from request through approvals to the confirmed transaction.

/** A reading older than this is shown as stale (the job reads every minute). */
const STALE_MINUTES = 10;

export type TBalanceState = "ok" | "warn" | "crit" | "stale" | "unread";

export type TAccountRow = {
  id: string;
  chain: string;
  address: string;
  asset: string;
  symbol: string;
  decimals: number;
  label: string;
  purpose: TreasuryPurpose;
  source: string;
  /** Whole units, as exact decimal strings. */
  total: string | null;
  spendable: string | null;
  reserve: string | null;
  at: Date | null;
  lastError: string | null;
  warn: number | null;
  crit: number | null;
  state: TBalanceState;
  canSend: boolean;
};

/** A row as the query returns it: the account's own columns, its lines and last snapshot as text. */
type TRawAccount = Pick<TAccountRow, "id" | "chain" | "address" | "asset" | "symbol" | "decimals" | "label" | "purpose" | "source" | "total" | "spendable" | "reserve" | "at" | "lastError"> & {
  warnBelow: string | null;
  critBelow: string | null;
};

export const whole = (base: string, decimals: number) => formatUnits(BigInt(base), decimals);

/** An account's state from its last reading: below a line, stale, or fine. Pure, for the alert rule too. */
export function balanceState(spendableWhole: number | null, at: Date | null, lines: { warn: number | null; crit: number | null }, now: Date): TBalanceState {
  if (spendableWhole === null || !at) return "unread";
  if (lines.crit !== null && spendableWhole < lines.crit) return "crit";
  if (lines.warn !== null && spendableWhole < lines.warn) return "warn";
  if (now.getTime() - at.getTime() > STALE_MINUTES * 60_000) return "stale";
  return "ok";
}

export async function listAccounts(db: TPrisma, thresholds: TThresholdValues, opts: { id?: string; now?: Date } = {}): Promise<TAccountRow[]> {
  const now = opts.now ?? new Date();
  const rows = await db.$queryRaw<TRawAccount[]>`
    SELECT a.id::text AS id, a.chain, a.address, a.asset, a.symbol, a.decimals, a.label, a.purpose::text AS purpose, a.source,
           a."warnBelow"::text AS "warnBelow", a."critBelow"::text AS "critBelow", a."lastError",
           s.total::text AS total, s.spendable::text AS spendable, s.reserve::text AS reserve, s.at
    FROM "TreasuryAccount" a
    LEFT JOIN LATERAL (SELECT total, spendable, reserve, at FROM "BalanceSnapshot" WHERE "accountId" = a.id ORDER BY at DESC LIMIT 1) s ON true
    WHERE a."removedAt" IS NULL AND (${opts.id ?? null}::uuid IS NULL OR a.id = ${opts.id ?? null}::uuid)
    ORDER BY a.chain DESC, a.purpose, a.label`;
  return Promise.all(
    rows.map(async (r) => {
      const lines = accountThresholds({ ...r, warnBelow: r.warnBelow, critBelow: r.critBelow }, thresholds);
      const spendable = r.spendable === null ? null : whole(r.spendable, r.decimals);
      return {
        id: r.id,
        chain: r.chain,
        address: r.address,
        asset: r.asset,
        symbol: r.symbol,
        decimals: r.decimals,
        label: r.label,
        purpose: r.purpose,
        source: r.source,
        total: r.total === null ? null : whole(r.total, r.decimals),
        spendable,
        reserve: r.reserve === null ? null : whole(r.reserve, r.decimals),
        at: r.at,
        lastError: r.lastError,
        ...lines,
        state: balanceState(spendable === null ? null : Number(spendable), r.at, lines, now),
        canSend: r.asset !== "ETH" && (await signerFor(db, r.chain, r.address)) !== null,
      };
    }),
  );
}

export type TDestinationRow = { id: string; chain: string; address: string; destinationTag: string | null; label: string; addedBy: string; approvedBy: string | null; createdAt: Date };

export async function listDestinations(db: TPrisma): Promise<TDestinationRow[]> {
  const rows = await db.treasuryDestination.findMany({ where: { removedAt: null }, orderBy: [{ chain: "asc" }, { label: "asc" }] });
  return rows.map((r) => ({ id: r.id, chain: r.chain, address: r.address, destinationTag: r.destinationTag === null ? null : r.destinationTag.toString(), label: r.label, addedBy: r.addedBy, approvedBy: r.approvedBy, createdAt: r.createdAt }));
}

export type TTransferState = "waiting" | "sending" | "confirmed" | "failed" | "rejected" | "expired";

export type TTransferRow = {
  requestId: string;
  operationId: string;
  title: string;
  requestedBy: string;
  createdAt: Date;
  approvals: number;
  requiredCount: number;
  state: TTransferState;
  txHash: string | null;
  chain: string | null;
  error: string | null;
};

/** Requests of the given operations, newest first, with where their chain transaction is. */
export async function listTransfers(db: TPrisma, operationIds: readonly string[], limit = 30): Promise<TTransferRow[]> {
  const requests = await db.approvalRequest.findMany({
    where: { operationId: { in: [...operationIds] } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      operationId: true,
      title: true,
      status: true,
      requiredCount: true,
      createdAt: true,
      outcome: true,
      requestedBy: { select: { email: true } },
      votes: { select: { decision: true } },
      executions: { select: { id: true, status: true, error: true } },
    },
  });
  const executionIds = requests.flatMap((r) => r.executions.map((e) => e.id));
  const txs = executionIds.length ? await db.chainTransaction.findMany({ where: { executionId: { in: executionIds } }, select: { executionId: true, txHash: true, status: true, chain: true, error: true }, orderBy: { createdAt: "desc" } }) : [];
  return requests.map((r) => {
    const execution = r.executions[0];
    const tx = txs.find((t) => t.executionId === execution?.id);
    let state: TTransferState;
    if (r.status === "PENDING") state = "waiting";
    else if (r.status === "REJECTED") state = "rejected";
    else if (r.status === "EXPIRED") state = "expired";
    else if (r.status === "EXECUTED") state = "confirmed";
    else if (r.status === "FAILED" || execution?.status === "FAILED" || tx?.status === "FAILED") state = "failed";
    else state = "sending";
    return {
      requestId: r.id,
      operationId: r.operationId,
      title: r.title,
      requestedBy: r.requestedBy.email,
      createdAt: r.createdAt,
      approvals: r.votes.filter((v) => v.decision === "APPROVE").length,
      requiredCount: r.requiredCount,
      state,
      txHash: tx?.txHash ?? null,
      chain: tx?.chain ?? null,
      error: state === "failed" ? (execution?.error ?? tx?.error ?? null) : null,
    };
  });
}
