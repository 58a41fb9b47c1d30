import "server-only";
import { evmKey, xrplKey, type TKeyPair } from "@/lib/chains/keys";
import { z } from "zod";
import type { TPrisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";

// The faucet's state, limits and keys. State and limits are settings rows changed only by
// operations; keys come from the environment (FAUCET_*), and which one is active is a settings row
// holding its address, so a rotation is one audited switch and the seed itself never moves.

export const FAUCET_CHAINS = ["xrpl", "evm"] as const;
export type TFaucetChain = (typeof FAUCET_CHAINS)[number];

export const FAUCET_LIMITS = {
  grantXrp: { label: "XRPL grant", unit: "XRP", default: 20, min: 1, max: 10_000 },
  grantEvm: { label: "EVM grant", unit: "tokens", default: 100, min: 1, max: 1_000_000 },
  perClientMax: { label: "Requests per client address", unit: "per window", default: 10, min: 1, max: 10_000 },
  perClientWindowMinutes: { label: "Client address window", unit: "minutes", default: 60, min: 1, max: 10_080 },
  perAddressMax: { label: "Grants per destination", unit: "per window", default: 1, min: 1, max: 1_000 },
  perAddressWindowHours: { label: "Destination window", unit: "hours", default: 24, min: 1, max: 720 },
  // The guide's abuse query: one client address asking for more than 5 distinct destinations in an hour.
  distinctDestinationsPerHour: { label: "Review above … destinations per client address per hour", unit: "destinations", default: 5, min: 1, max: 1_000 },
  burstPerMinute: { label: "Review above … requests per client address per minute", unit: "requests", default: 3, min: 1, max: 1_000 },
} as const;

export type TFaucetLimitKey = keyof typeof FAUCET_LIMITS;
export type TFaucetLimits = Record<TFaucetLimitKey, number>;

export const ZFaucetLimits = z.object(
  Object.fromEntries(
    Object.entries(FAUCET_LIMITS).map(([key, def]) => [
      key,
      z.coerce.number({ message: `${def.label}: enter a number` }).int(`${def.label}: a whole number`).min(def.min, `${def.label}: at least ${def.min}`).max(def.max, `${def.label}: at most ${def.max}`),
    ]),
  ) as Record<TFaucetLimitKey, z.ZodCoercedNumber<unknown>>,
);

export const PAUSE_KEY = "faucet.pause";
export const LIMITS_KEY = "faucet.limits";
export const KEYS_KEY = "faucet.keys";
export const balanceKey = (chain: TFaucetChain) => `faucet.balance.${chain}`;

export type TFaucetPause = { by: string; at: string; note: string };
export type TFaucetBalance = { spendable: string; total: string; at: string; address: string; error?: string };

export type TFaucetSettings = {
  pause: TFaucetPause | null;
  limits: TFaucetLimits;
  /** The active wallet's address per chain (null: not configured). */
  active: Record<TFaucetChain, string | null>;
  balances: Partial<Record<TFaucetChain, TFaucetBalance>>;
};

function defaults(): TFaucetLimits {
  return Object.fromEntries(Object.entries(FAUCET_LIMITS).map(([k, d]) => [k, d.default])) as TFaucetLimits;
}

export async function readFaucetSettings(db: Pick<TPrisma, "setting">): Promise<TFaucetSettings> {
  const rows = await db.setting.findMany({ where: { key: { in: [PAUSE_KEY, LIMITS_KEY, KEYS_KEY, balanceKey("xrpl"), balanceKey("evm")] } } });
  const byKey = new Map(rows.map((r) => [r.key, r.value as unknown]));
  const stored = ZFaucetLimits.partial().safeParse(byKey.get(LIMITS_KEY) ?? {});
  const keys = (byKey.get(KEYS_KEY) ?? {}) as Partial<Record<TFaucetChain, string>>;
  return {
    pause: (byKey.get(PAUSE_KEY) as TFaucetPause | undefined) ?? null,
    limits: { ...defaults(), ...(stored.success ? stored.data : {}) },
    active: { xrpl: activeAddress("xrpl", keys.xrpl), evm: activeAddress("evm", keys.evm) },
    balances: { xrpl: byKey.get(balanceKey("xrpl")) as TFaucetBalance | undefined, evm: byKey.get(balanceKey("evm")) as TFaucetBalance | undefined },
  };
}

// ── Keys ──────────────────────────────────────────────────────────────────────────────────────

/** The configured keys per chain: the current one and the next (for a rotation). */
export function faucetKeys(chain: TFaucetChain): { current: TKeyPair | null; next: TKeyPair | null } {
  const e = env();
  return chain === "xrpl" ? { current: xrplKey(e.FAUCET_XRPL_SEED), next: xrplKey(e.FAUCET_XRPL_SEED_NEXT) } : { current: evmKey(e.FAUCET_EVM_KEY), next: evmKey(e.FAUCET_EVM_KEY_NEXT) };
}

/**
 * The active address: the one a rotation switched to — and then only if this instance has its key.
 * An instance without it fails closed (no faucet on that chain) rather than signing with the key a
 * rotation replaced, perhaps because it was compromised.
 */
function activeAddress(chain: TFaucetChain, rotatedTo: string | undefined): string | null {
  const { current, next } = faucetKeys(chain);
  if (rotatedTo) return [current, next].some((k) => k?.address === rotatedTo) ? rotatedTo : null;
  return current?.address ?? null;
}

/** The address a rotation switched to, even when this instance lacks its key (the page says so). */
export async function rotatedTo(db: Pick<TPrisma, "setting">, chain: TFaucetChain): Promise<string | null> {
  const row = await db.setting.findUnique({ where: { key: KEYS_KEY } });
  return ((row?.value ?? {}) as Partial<Record<TFaucetChain, string>>)[chain] ?? null;
}

/** The active wallet's secret, for the dispatcher only (server memory; never returned to a page). */
export function activeSigner(chain: TFaucetChain, active: string | null): string | null {
  const { current, next } = faucetKeys(chain);
  return [current, next].find((k) => k && k.address === active)?.secret ?? null;
}

/** The treasury wallet faucet top-ups come from. */
export function treasurySigner(chain: TFaucetChain): TKeyPair | null {
  const e = env();
  return chain === "xrpl" ? xrplKey(e.TREASURY_XRPL_SEED) : evmKey(e.TREASURY_EVM_KEY);
}
