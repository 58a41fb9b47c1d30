import type { TPrisma } from "@/lib/db/prisma";
import { DEV_ROLES } from "@/devchains/evm/accounts";

// Demo blacklist: a seller the generated history gives repeat disputes, a faucet abuser on the
// XRPL side, and one lifted entry — so the flags and the history have something to show.

const DAY = 86_400_000;

export async function seedDemoBlacklist(db: TPrisma, now = new Date()) {
  const entries = [
    {
      wallet: DEV_ROLES.users[0]!.address.toLowerCase(),
      reason: "Lost 3 disputes in a week: edited payment screenshots (see disputes #223, #257)",
      source: "dispute",
      addedBy: "support@opsdeck.local",
      createdAt: new Date(now.getTime() - 3 * DAY),
    },
    { wallet: "rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe", reason: "Faucet: 40 destinations from one address range in an hour", source: "faucet-abuse", addedBy: "operator@opsdeck.local", createdAt: new Date(now.getTime() - 6 * DAY) },
    {
      wallet: DEV_ROLES.users[9]!.address.toLowerCase(),
      reason: "Suspected fake receipts",
      source: "manual",
      addedBy: "support@opsdeck.local",
      createdAt: new Date(now.getTime() - 12 * DAY),
      removedAt: new Date(now.getTime() - 10 * DAY),
      removedBy: "support@opsdeck.local",
      removeReason: "Appeal upheld: the bank confirmed both payments",
    },
  ];
  // Once: the demo keeps its database between runs.
  if ((await db.blacklistEntry.count({ where: { wallet: entries[0]!.wallet } })) > 0) return { entries: 0 };
  await db.blacklistEntry.createMany({ data: entries });
  return { entries: entries.length };
}
