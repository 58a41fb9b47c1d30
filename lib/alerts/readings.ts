import "server-only";
import type { TPrisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { chainKey, evmChain } from "@/lib/chains/evm";
import { readXrpBalance, xrplChain } from "@/lib/chains/xrpl";
import { readEvmView, readXrplView, type TEvmView, type TXrplView } from "@/lib/chains/status";
import { listThresholds } from "@/lib/settings/queries";
import { readDisputeRate } from "@/lib/disputes/rate";
import { readFaucetSettings } from "@/lib/faucet/config";
import { platformWalletAddress } from "@/lib/treasury/keys";
import { readFeeMismatches } from "@/lib/treasury/reconciliation";
import { readOverdue } from "@/lib/secrets/schedule";
import { readOverdueMaintenance } from "@/lib/maintenance/schedule";
import { settingKey, thresholdFromRow } from "@/lib/settings/thresholds";
import type { TAlertReadings, TTreasuryAccountReading, TChainReading, TDisputeReading, TEscrowReading, TServiceReading, TSyncReading, TThresholdValues, TWalletReading } from "@/lib/alerts/rules";

// Gathers what the rules look at. Every source is read on its own: a chain that does not answer
// makes the rules about it see "error" (or "unknown"), never the whole evaluation fail.

export const DISPUTE_WINDOW_HOURS = 24;

export type TWatchedWallets = { platform: string | null; faucet: string | null };

export async function readThresholdValues(): Promise<TThresholdValues> {
  const rows = await listThresholds();
  return Object.fromEntries(rows.map((r) => [r.key, r.value])) as TThresholdValues;
}

function errorMessage(err: unknown) {
  return err instanceof Error ? err.message : String(err);
}

async function readChains(db: TPrisma): Promise<{ evm: TEvmView | null; xrpl: TXrplView | null; chains: TChainReading[] }> {
  const chains: TChainReading[] = [];
  const evmConfigured = evmChain();
  const xrplConfigured = xrplChain();
  const [evm, xrpl] = await Promise.all([
    evmConfigured ? readEvmView(db).catch((err) => errorMessage(err)) : null,
    xrplConfigured ? readXrplView(db).catch((err) => errorMessage(err)) : null,
  ]);
  if (evmConfigured) {
    chains.push(
      typeof evm === "string" || !evm
        ? { key: "evm", name: evmConfigured.name, status: "error", isPinnedToFallback: false, detail: evm || "not readable" }
        : { key: "evm", name: evm.name, status: evm.status === "not_configured" ? "error" : evm.status, isPinnedToFallback: evm.override === "fallback", detail: evm.detail },
    );
  }
  if (xrplConfigured) {
    chains.push(
      typeof xrpl === "string" || !xrpl
        ? { key: "xrpl", name: xrplConfigured.name, status: "error", isPinnedToFallback: false, detail: xrpl || "not readable" }
        : { key: "xrpl", name: xrpl.name, status: xrpl.status === "not_configured" ? "error" : xrpl.status, isPinnedToFallback: xrpl.override === "fallback", detail: xrpl.detail },
    );
  }
  return { evm: typeof evm === "string" ? null : evm, xrpl: typeof xrpl === "string" ? null : xrpl, chains };
}

async function readWallets(isXrplUp: boolean, wallets: TWatchedWallets): Promise<TWalletReading[]> {
  const chain = xrplChain();
  if (!chain) return [];
  const watched = (["platform", "faucet"] as const).flatMap((role) => (wallets[role] ? [{ role, address: wallets[role] }] : []));
  return Promise.all(
    watched.map(async ({ role, address }) => {
      // A ledger that does not answer now would only add a timeout per wallet.
      if (!isXrplUp) return { role, address, xrp: null };
      try {
        const balance = await readXrpBalance(chain, address);
        // An unfunded account holds nothing: that is the most critical balance there is.
        return { role, address, xrp: balance ? Number(balance.total) : 0 };
      } catch {
        return { role, address, xrp: null };
      }
    }),
  );
}

async function readSync(db: TPrisma, evm: TEvmView | null, now: Date): Promise<TSyncReading | null> {
  const chain = evmChain();
  if (!chain?.escrow) return null;
  const cursor = await db.chainCursor.findUnique({ where: { chain: chainKey(chain) } });
  if (!cursor) return null;
  const lastBlock = Number(cursor.lastBlock);
  // The live head first: a dead sync job stops updating the cursor's own idea of the head too.
  const heads = [evm?.height ?? null, cursor.headBlock === null ? null : Number(cursor.headBlock)].filter((h): h is number => h !== null);
  const head = heads.length ? Math.max(...heads) : null;
  return {
    chain: "evm",
    name: chain.name,
    lastBlock,
    lagBlocks: head === null ? null : Math.max(0, head - chain.confirmations - lastBlock),
    secondsSinceMoved: Math.max(0, Math.round((now.getTime() - cursor.movedAt.getTime()) / 1000)),
  };
}

function readEscrow(evm: TEvmView | null): TEscrowReading | null {
  const chain = evmChain();
  if (!chain?.escrow) return null;
  return { chain: "evm", name: chain.name, address: chain.escrow, paused: evm?.escrow ? evm.escrow.paused : null };
}

async function readDisputes(db: TPrisma, now: Date): Promise<TDisputeReading | null> {
  const chain = evmChain();
  if (!chain?.escrow) return null;
  const since = new Date(now.getTime() - DISPUTE_WINDOW_HOURS * 3_600_000);
  // Orders created in the window, by where they are now: a resolved dispute was still a dispute.
  const { orders, disputed } = await readDisputeRate(db, chainKey(chain), since, now);
  return { chain: "evm", name: chain.name, orders, disputed, windowHours: DISPUTE_WINDOW_HOURS };
}

async function readServices(db: TPrisma): Promise<TServiceReading[]> {
  const rows = await db.service.findMany({ select: { id: true, name: true, kind: true, status: true, isCritical: true, lastDetail: true, runbooks: true }, orderBy: { id: "asc" } });
  return rows.map((s) => {
    const detail = s.lastDetail && typeof s.lastDetail === "object" && !Array.isArray(s.lastDetail) ? (s.lastDetail as Record<string, unknown>) : {};
    const tls = detail.tlsDaysLeft;
    return { id: s.id, name: s.name, kind: s.kind, status: s.status, isCritical: s.isCritical, tlsDaysLeft: typeof tls === "number" && Number.isFinite(tls) ? tls : null, runbooks: s.runbooks };
  });
}

/** The wallets to watch: the active platform and faucet wallets (a rotation moves them), else the configured addresses. */
export async function watchedWallets(db: TPrisma): Promise<TWatchedWallets> {
  const [platform, faucet] = await Promise.all([platformWalletAddress(db), readFaucetSettings(db)]);
  return { platform: platform ?? env().XRPL_PLATFORM_ADDRESS ?? null, faucet: faucet.active.xrpl ?? env().XRPL_FAUCET_ADDRESS ?? null };
}

const STALE_SNAPSHOT_MS = 10 * 60_000;

async function readTreasury(db: TPrisma, now: Date): Promise<NonNullable<TAlertReadings["treasury"]>> {
  // Accounts with lines of their own (the platform and faucet wallets have the wallet rules above).
  const accounts = await db.$queryRaw<{ id: string; label: string; address: string; symbol: string; decimals: number; warn: string | null; crit: string | null; spendable: string | null; at: Date | null }[]>`
    SELECT a.id::text AS id, a.label, a.address, a.symbol, a.decimals, a."warnBelow"::text AS warn, a."critBelow"::text AS crit, s.spendable::text AS spendable, s.at
    FROM "TreasuryAccount" a
    LEFT JOIN LATERAL (SELECT spendable, at FROM "BalanceSnapshot" WHERE "accountId" = a.id ORDER BY at DESC LIMIT 1) s ON true
    WHERE a."removedAt" IS NULL AND (a."warnBelow" IS NOT NULL OR a."critBelow" IS NOT NULL)`;
  const toleranceRow = await db.setting.findUnique({ where: { key: settingKey("feeMismatchTolerance") } });
  const [feeMismatches, schedule] = await Promise.all([
    readFeeMismatches(db, thresholdFromRow("feeMismatchTolerance", toleranceRow), now).catch(() => null),
    readOverdue(db, now).catch(() => null),
  ]);
  return {
    accounts: accounts.map(
      (a): TTreasuryAccountReading => ({
        id: a.id,
        label: a.label,
        address: a.address,
        symbol: a.symbol,
        spendable: a.spendable === null ? null : Number(a.spendable) / 10 ** a.decimals,
        warn: a.warn === null ? null : Number(a.warn),
        crit: a.crit === null ? null : Number(a.crit),
        isStale: !a.at || now.getTime() - a.at.getTime() > STALE_SNAPSHOT_MS,
      }),
    ),
    feeMismatches: feeMismatches?.map((m) => ({ chain: m.chain, token: m.token, symbol: m.symbol, day: m.day, expected: m.expected, received: m.received, difference: m.difference, elsewhere: m.elsewhere })) ?? null,
    schedule,
  };
}

export async function readAlertReadings(db: TPrisma, { now, wallets }: { now: Date; wallets?: TWatchedWallets }): Promise<TAlertReadings> {
  const watched = wallets ?? (await watchedWallets(db));
  const { evm, chains } = await readChains(db);
  const isXrplUp = chains.some((c) => c.key === "xrpl" && c.status !== "error");
  const [walletReadings, sync, disputes, services, treasury, maintenance] = await Promise.all([
    readWallets(isXrplUp, watched),
    readSync(db, evm, now),
    readDisputes(db, now),
    readServices(db),
    readTreasury(db, now),
    readOverdueMaintenance(db, now).catch(() => null),
  ]);
  return { chains, wallets: walletReadings, sync, escrow: readEscrow(evm), disputes, services, treasury, maintenance };
}
