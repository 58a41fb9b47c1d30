import "server-only";
import type { TPrisma } from "@/lib/db/prisma";
import type { TreasuryPurpose } from "@/generated/prisma/client";
import { env } from "@/lib/env";
import { chainKey, evmChain, readTokenBalance } from "@/lib/chains/evm";
import { readFaucetSettings } from "@/lib/faucet/config";
import { evmKey, xrplKey } from "@/lib/chains/keys";
import { platformWalletAddress } from "@/lib/treasury/keys";
import type { TThresholdValues } from "@/lib/alerts/rules";

// The accounts the treasury follows. Those OpsDeck knows from its own configuration (platform,
// faucet and treasury wallets, the escrow contract's holdings per token) appear by themselves;
// any other is added through the treasury.account.add operation.

export type TAccountSeed = { chain: "xrpl" | "evm"; address: string; asset: string; symbol: string; decimals: number; label: string; purpose: TreasuryPurpose };

export const PURPOSE_LABELS: Record<TreasuryPurpose, string> = {
  platform: "Platform",
  faucet: "Faucet",
  treasury: "Treasury",
  escrow: "Escrow holdings",
  multisig: "Multisig",
  other: "Other",
};

const XRP = { asset: "XRP", symbol: "XRP", decimals: 6 } as const;
const ETH = { asset: "ETH", symbol: "ETH", decimals: 18 } as const;

/** The token(s) EVM accounts hold: the configured one and every one the escrow's orders used. */
async function evmTokens(db: TPrisma): Promise<{ address: string; symbol: string; decimals: number }[]> {
  const chain = evmChain();
  if (!chain) return [];
  const known = await db.chainToken.findMany({ where: { chain: chainKey(chain) }, select: { address: true, symbol: true, decimals: true } });
  const tokens = new Map(known.map((t) => [t.address, t]));
  if (chain.token && !tokens.has(chain.token.toLowerCase())) {
    try {
      const t = await readTokenBalance(chain, chain.token, chain.token);
      tokens.set(chain.token.toLowerCase(), { address: chain.token.toLowerCase(), symbol: t.symbol.slice(0, 20), decimals: t.decimals });
    } catch {
      // The chain does not answer now: the token's accounts appear on a later round.
    }
  }
  return [...tokens.values()];
}

/** What the configuration says the treasury should follow. */
export async function configuredAccounts(db: TPrisma): Promise<TAccountSeed[]> {
  const e = env();
  const wanted: TAccountSeed[] = [];
  const platform = await platformWalletAddress(db);
  if (platform) wanted.push({ chain: "xrpl", address: platform, ...XRP, label: "Platform wallet", purpose: "platform" });
  const faucet = await readFaucetSettings(db);
  if (faucet.active.xrpl) wanted.push({ chain: "xrpl", address: faucet.active.xrpl, ...XRP, label: "Faucet wallet", purpose: "faucet" });
  const treasuryXrpl = xrplKey(e.TREASURY_XRPL_SEED);
  if (treasuryXrpl) wanted.push({ chain: "xrpl", address: treasuryXrpl.address, ...XRP, label: "Treasury wallet", purpose: "treasury" });

  const chain = evmChain();
  if (chain) {
    const tokens = await evmTokens(db);
    const holders: { address: string; label: string; purpose: TreasuryPurpose; gas: boolean }[] = [];
    const treasuryEvm = evmKey(e.TREASURY_EVM_KEY);
    if (treasuryEvm) holders.push({ address: treasuryEvm.address, label: "Treasury", purpose: "treasury", gas: true });
    if (faucet.active.evm) holders.push({ address: faucet.active.evm, label: "Faucet", purpose: "faucet", gas: true });
    if (chain.escrow) holders.push({ address: chain.escrow.toLowerCase(), label: "Escrow contract", purpose: "escrow", gas: false });
    for (const h of holders) {
      // The escrow's holdings of every token its orders used; OpsDeck's own wallets only the
      // configured token: anyone can create an order in a token whose symbol says "USDT".
      const held = h.purpose === "escrow" ? tokens : tokens.filter((t) => t.address === chain.token?.toLowerCase());
      for (const t of held) wanted.push({ chain: "evm", address: h.address, asset: t.address, symbol: t.symbol, decimals: t.decimals, label: `${h.label} ${t.symbol}`, purpose: h.purpose });
      // A token wallet without gas cannot send its tokens: its ETH is followed too.
      if (h.gas) wanted.push({ chain: "evm", address: h.address, ...ETH, label: `${h.label} (gas)`, purpose: h.purpose });
    }
  }
  return wanted;
}

/** Adds the configured accounts that are missing. One a user removed stays removed. */
export async function syncConfiguredAccounts(db: TPrisma): Promise<number> {
  const wanted = await configuredAccounts(db);
  if (!wanted.length) return 0;
  const created = await db.treasuryAccount.createMany({ data: wanted.map((w) => ({ ...w, source: "configuration" })), skipDuplicates: true });
  return created.count;
}

/** The warning and critical lines of an account: its own, else the guides' wallet thresholds. */
export function accountThresholds(
  account: { chain: string; purpose: TreasuryPurpose; asset: string; warnBelow: { toString(): string } | null; critBelow: { toString(): string } | null },
  t: Pick<TThresholdValues, "platformWalletWarnXrp" | "platformWalletCritXrp" | "faucetBalanceWarn" | "faucetBalanceCrit">,
): { warn: number | null; crit: number | null } {
  const own = { warn: account.warnBelow === null ? null : Number(account.warnBelow.toString()), crit: account.critBelow === null ? null : Number(account.critBelow.toString()) };
  if (own.warn !== null || own.crit !== null) return own;
  if (account.chain === "xrpl" && account.asset === "XRP") {
    if (account.purpose === "platform") return { warn: t.platformWalletWarnXrp, crit: t.platformWalletCritXrp };
    if (account.purpose === "faucet") return { warn: t.faucetBalanceWarn, crit: t.faucetBalanceCrit };
  }
  return own;
}
