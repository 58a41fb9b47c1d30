import type { TPrisma } from "@/lib/db/prisma";
import { devXrplWallet, XRPL_WALLET_FUNDING } from "@/devchains/start";
import { DEV_ACCOUNTS } from "@/devchains/evm/accounts";

// Demo treasury: the XRPL wallets with 30 days of balance history behind their first real
// reading (the job adds the live ones from then on), and an address book to send to.

const HOUR = 3_600_000;

type TShape = (hoursAgo: number) => number;

/** Plausible histories ending at each wallet's funded balance: spending, grants with top-ups, fee income. */
const SHAPES: { name: "platform" | "faucet" | "treasury"; label: string; purpose: "platform" | "faucet" | "treasury"; shape: TShape }[] = [
  { name: "platform", label: "Platform wallet", purpose: "platform", shape: (h) => XRPL_WALLET_FUNDING.platform + h * 4 + Math.sin(h / 9) * 150 },
  // The faucet drains by grants and is topped up every ~5 days.
  { name: "faucet", label: "Faucet wallet", purpose: "faucet", shape: (h) => XRPL_WALLET_FUNDING.faucet - 4_000 + (h % 120) * 60 },
  { name: "treasury", label: "Treasury wallet", purpose: "treasury", shape: (h) => XRPL_WALLET_FUNDING.treasury - h * 9 - (h > 240 ? 12_000 : 0) },
];

export async function seedTreasuryDemo(db: TPrisma, now = new Date()) {
  for (const w of SHAPES) {
    const address = devXrplWallet(w.name).address;
    const account = await db.treasuryAccount.upsert({
      where: { chain_address_asset: { chain: "xrpl", address, asset: "XRP" } },
      create: { chain: "xrpl", address, asset: "XRP", symbol: "XRP", decimals: 6, label: w.label, purpose: w.purpose, source: "configuration" },
      update: {},
    });
    // Once: the demo keeps its database between runs.
    if ((await db.balanceSnapshot.count({ where: { accountId: account.id } })) > 0) continue;
    const reserve = 10_000_000n;
    const rows = [];
    for (let h = 30 * 24; h >= 1; h--) {
      const total = BigInt(Math.round(Math.max(20, w.shape(h)) * 1e6));
      rows.push({ accountId: account.id, at: new Date(now.getTime() - h * HOUR), total: total.toString(), spendable: (total - reserve).toString(), reserve: reserve.toString() });
    }
    await db.balanceSnapshot.createMany({ data: rows });
  }
  if ((await db.treasuryDestination.count()) === 0) {
    await db.treasuryDestination.createMany({
      data: [
        { chain: "xrpl", address: devXrplWallet("test-1").address, destinationTag: 104857n, label: "Exchange deposit (hot)", addedBy: "treasury@opsdeck.local", approvedBy: "approver@opsdeck.local" },
        { chain: "xrpl", address: devXrplWallet("test-2").address, label: "Cold storage", addedBy: "treasury@opsdeck.local", approvedBy: "approver@opsdeck.local" },
        { chain: "evm", address: DEV_ACCOUNTS[17]!.address.toLowerCase(), label: "Market maker", addedBy: "treasury@opsdeck.local", approvedBy: "approver@opsdeck.local" },
      ],
    });
  }
}
