import "server-only";
import type { TPrisma } from "@/lib/db/prisma";
import { normalizeWallet } from "@/lib/blacklist/wallet";

// RB-04's blacklist, read. Every page that shows wallets asks `blacklistedAmong` once for the
// wallets on screen; anything that pays out (the faucet, treasury transfers) asks
// `blacklistEntryFor` before it pays.

export type TBlacklistEntry = { id: string; wallet: string; reason: string; source: string; addedBy: string; createdAt: Date; removedAt: Date | null; removedBy: string | null; removeReason: string | null };

export const BLACKLIST_SOURCES = ["manual", "dispute", "faucet-abuse", "external-list"] as const;
export const BLACKLIST_SOURCE_LABELS: Record<(typeof BLACKLIST_SOURCES)[number], string> = {
  manual: "Manual review",
  dispute: "Dispute outcome",
  "faucet-abuse": "Faucet abuse",
  "external-list": "External list",
};

/** The active entry for a wallet, or null. */
export async function blacklistEntryFor(db: TPrisma, wallet: string): Promise<TBlacklistEntry | null> {
  return db.blacklistEntry.findFirst({ where: { wallet: normalizeWallet(wallet), removedAt: null } });
}

/** Which of these wallets are blacklisted right now (normalized form → reason). */
export async function blacklistedAmong(db: TPrisma, wallets: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(wallets.filter(Boolean).map(normalizeWallet))];
  if (unique.length === 0) return new Map();
  const rows = await db.blacklistEntry.findMany({ where: { wallet: { in: unique }, removedAt: null }, select: { wallet: true, reason: true } });
  return new Map(rows.map((r) => [r.wallet, r.reason]));
}

export const BLACKLIST_PAGE_SIZE = 50;

/** Active entries newest first, or (with `removed`) the history of removed ones; keyset on createdAt + id. */
export async function listBlacklist(db: TPrisma, opts: { removed?: boolean; q?: string; before?: { at: Date; id: string } }): Promise<{ rows: TBlacklistEntry[]; next: { at: Date; id: string } | null }> {
  const rows = await db.blacklistEntry.findMany({
    where: {
      removedAt: opts.removed ? { not: null } : null,
      // EVM wallets are stored lower-case, XRPL ones as they are: a part of either matches in any case.
      ...(opts.q ? { wallet: { contains: opts.q.trim(), mode: "insensitive" as const } } : {}),
      ...(opts.before ? { OR: [{ createdAt: { lt: opts.before.at } }, { createdAt: opts.before.at, id: { lt: opts.before.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: BLACKLIST_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, BLACKLIST_PAGE_SIZE);
  const last = page.at(-1);
  return { rows: page, next: rows.length > BLACKLIST_PAGE_SIZE && last ? { at: last.createdAt, id: last.id } : null };
}
