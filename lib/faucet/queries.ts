import "server-only";
import { formatUnits } from "ethers";
import { dropsToXrp } from "xrpl";
import type { TPrisma } from "@/lib/db/prisma";
import type { TCurrentUser } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { NotAllowedError } from "@/lib/users/queries";
import { blacklistedAmong } from "@/lib/blacklist/queries";
import { evmChain } from "@/lib/chains/evm";
import { faucetKeys, readFaucetSettings, rotatedTo, type TFaucetChain, type TFaucetSettings } from "@/lib/faucet/config";

// What the faucet page shows: state, balances, the queue and its failures, grants per hour, the
// review queue, recent grants and blocks. Amounts leave here in whole units for people.

export type TFaucetRow = { id: string; chain: string; address: string; clientIp: string; amount: string; status: string; flagReason: string | null; createdAt: Date; sentAt: Date | null; txHash: string | null; lastError: string | null; attempt: number; blacklisted: string | null };
export type THourBucket = { hour: string; label: string; sent: number; failed: number };

export type TFaucetPage = {
  settings: TFaucetSettings;
  balances: Record<TFaucetChain, { address: string | null; spendable: number | null; at: string | null; error: string | null }>;
  next: Record<TFaucetChain, string | null>;
  /** A rotation switched to a wallet whose key this instance does not have: it pays nothing on that chain. */
  missingKey: Record<TFaucetChain, string | null>;
  counts: { queued: number; sending: number; review: number; sent24h: number; failed24h: number; requests24h: number };
  hours: THourBucket[];
  review: TFaucetRow[];
  recent: TFaucetRow[];
  blocks: { id: string; cidr: string; reason: string; createdBy: string; createdAt: Date }[];
};

export function assertCanReadFaucet(user: Pick<TCurrentUser, "roles">) {
  if (!canOpen("/faucet", user.roles)) throw new NotAllowedError("Only support, operators, treasury and admins can read the faucet");
}

/** Whole units: XRP from drops; tokens with 6 decimals (the configured stablecoin's). */
export function wholeUnits(chain: string, amount: string, tokenDecimals = 6): number {
  return chain === "xrpl" ? Number(dropsToXrp(amount)) : Number(formatUnits(amount, tokenDecimals));
}

const HOUR = 3_600_000;

export async function readFaucetPage(db: TPrisma, user: Pick<TCurrentUser, "roles">, now = new Date()): Promise<TFaucetPage> {
  assertCanReadFaucet(user);
  const since = new Date(now.getTime() - 24 * HOUR);
  const select = { id: true, chain: true, address: true, clientIp: true, amount: true, status: true, flagReason: true, createdAt: true, sentAt: true, txHash: true, lastError: true, attempt: true } as const;
  const [settings, grouped, day, review, recent, blocks, hourly] = await Promise.all([
    readFaucetSettings(db),
    db.faucetRequest.groupBy({ by: ["status"], where: { status: { in: ["queued", "sending", "review"] } }, _count: true }),
    db.faucetRequest.groupBy({ by: ["status"], where: { createdAt: { gt: since } }, _count: true }),
    db.faucetRequest.findMany({ where: { status: "review" }, orderBy: { createdAt: "asc" }, take: 100, select }),
    db.faucetRequest.findMany({ where: { status: { in: ["sent", "failed", "sending"] } }, orderBy: { createdAt: "desc" }, take: 20, select }),
    db.faucetBlock.findMany({ where: { removedAt: null }, orderBy: { createdAt: "desc" }, take: 100 }),
    db.$queryRaw<{ hour: Date; sent: bigint; failed: bigint }[]>`
      SELECT date_trunc('hour', coalesce("sentAt", "createdAt") AT TIME ZONE 'UTC') AS hour,
             count(*) FILTER (WHERE status = 'sent') AS sent, count(*) FILTER (WHERE status = 'failed') AS failed
      FROM "FaucetRequest"
      -- coalesce("sentAt", "createdAt") > since, spelled so the sentAt and createdAt indexes serve it
      WHERE ("sentAt" > ${since} OR ("sentAt" IS NULL AND "createdAt" > ${since})) AND status IN ('sent', 'failed')
      GROUP BY 1`,
  ]);
  const count = (rows: { status: string; _count: number }[], status: string) => rows.find((r) => r.status === status)?._count ?? 0;
  const byHour = new Map(hourly.map((h) => [new Date(h.hour).toISOString().slice(0, 13), h]));
  const firstHour = Math.floor(now.getTime() / HOUR) * HOUR - 23 * HOUR;
  const hours = Array.from({ length: 24 }, (_, i) => {
    const at = new Date(firstHour + i * HOUR);
    const h = byHour.get(at.toISOString().slice(0, 13));
    return { hour: at.toISOString(), label: `${at.toISOString().slice(11, 13)}h`, sent: Number(h?.sent ?? 0), failed: Number(h?.failed ?? 0) };
  });
  const flagged = await blacklistedAmong(db, [...review, ...recent].map((r) => r.address));
  const evm = evmChain();
  const token = evm?.token ? await db.chainToken.findFirst({ where: { address: evm.token.toLowerCase() }, select: { decimals: true } }) : null;
  const decimals = token?.decimals ?? 6;
  const row = (r: (typeof review)[number]): TFaucetRow => ({ ...r, status: r.status, amount: String(wholeUnits(r.chain, r.amount, decimals)), blacklisted: flagged.get(r.address) ?? null });
  const balance = (chain: TFaucetChain) => {
    const b = settings.balances[chain];
    const isActive = !!b && b.address === settings.active[chain];
    return { address: settings.active[chain], spendable: isActive ? wholeUnits(chain, b.spendable, decimals) : null, at: isActive ? b.at : null, error: isActive ? (b.error ?? null) : null };
  };
  const nextOf = (chain: TFaucetChain) => {
    const { current, next } = faucetKeys(chain);
    return [current, next].find((k) => k && k.address !== settings.active[chain])?.address ?? null;
  };
  return {
    settings,
    balances: { xrpl: balance("xrpl"), evm: balance("evm") },
    next: { xrpl: nextOf("xrpl"), evm: nextOf("evm") },
    missingKey: { xrpl: settings.active.xrpl ? null : await rotatedTo(db, "xrpl"), evm: settings.active.evm ? null : await rotatedTo(db, "evm") },
    counts: {
      queued: count(grouped, "queued"),
      sending: count(grouped, "sending"),
      review: count(grouped, "review"),
      sent24h: count(day, "sent"),
      failed24h: count(day, "failed"),
      requests24h: day.reduce((n, r) => n + r._count, 0),
    },
    hours,
    review: review.map(row),
    recent: recent.map(row),
    blocks: blocks.map((b) => ({ id: b.id, cidr: b.cidr, reason: b.reason, createdBy: b.createdBy, createdAt: b.createdAt })),
  };
}

/** Flagged requests waiting for a decision (the navigation's badge for the people who decide them). */
export async function countFaucetReview(db: TPrisma, user: Pick<TCurrentUser, "roles">): Promise<number> {
  if (!user.roles.some((r) => r === "support" || r === "operator" || r === "admin")) return 0;
  return db.faucetRequest.count({ where: { status: "review" } });
}
