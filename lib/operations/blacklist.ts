import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { defineOperation } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { ZWallet } from "@/lib/blacklist/wallet";
import { BLACKLIST_SOURCES, blacklistEntryFor } from "@/lib/blacklist/queries";

// RB-04 step 4: blacklisting a confirmed scam wallet (and lifting it). One approver confirms
// either way; the entry's reason and source stay with it, and a lifted entry stays as history.

const ZWhy = z.string({ message: "Say why" }).trim().min(10, "Say why (at least 10 characters)").max(500);

export const blacklistWallet = defineOperation({
  id: "wallet.blacklist",
  title: "Blacklist a wallet",
  description: "Flags the wallet on every page where it appears; the faucet refuses it. One approver confirms.",
  risk: "high",
  input: z.object({ wallet: ZWallet, why: ZWhy, source: z.enum(BLACKLIST_SOURCES, { message: "Choose where this comes from" }) }),
  allowed: ["support", "operator", "admin"],
  approval: { count: 1, by: ["approver"], ttlMinutes: 24 * 60 },
  target: (input) => ({ type: "wallet", id: input.wallet }),
  summary: (input) => `Blacklist ${input.wallet}`,
  async authorize(_actor, input, { db }) {
    const entry = await blacklistEntryFor(db, input.wallet);
    return entry ? `${input.wallet} is already blacklisted (since ${entry.createdAt.toISOString().slice(0, 10)}: ${entry.reason})` : null;
  },
  async execute({ tx, requester }, input) {
    try {
      const entry = await tx.blacklistEntry.create({ data: { wallet: input.wallet, reason: input.why, source: input.source, addedBy: requester.email } });
      return { entryId: entry.id, wallet: input.wallet };
    } catch (err) {
      // The partial unique index: someone else's request for the same wallet executed first.
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new OperationError("CONFLICT", `${input.wallet} is already blacklisted`);
      throw err;
    }
  },
});

export const unblacklistWallet = defineOperation({
  id: "wallet.unblacklist",
  title: "Lift a wallet's blacklisting",
  description: "The wallet is no longer flagged or refused. The entry stays in the history with who lifted it and why. One approver confirms.",
  risk: "high",
  input: z.object({ wallet: ZWallet, why: ZWhy }),
  allowed: ["support", "operator", "admin"],
  approval: { count: 1, by: ["approver"], ttlMinutes: 24 * 60 },
  target: (input) => ({ type: "wallet", id: input.wallet }),
  summary: (input) => `Lift the blacklisting of ${input.wallet}`,
  async authorize(_actor, input, { db }) {
    return (await blacklistEntryFor(db, input.wallet)) ? null : `${input.wallet} is not blacklisted`;
  },
  async execute({ tx, requester }, input) {
    const lifted = await tx.blacklistEntry.updateMany({ where: { wallet: input.wallet, removedAt: null }, data: { removedAt: new Date(), removedBy: requester.email, removeReason: input.why } });
    if (lifted.count === 0) throw new OperationError("CONFLICT", `${input.wallet} is no longer blacklisted`);
    return { wallet: input.wallet };
  },
});

export const BLACKLIST_OPERATIONS = [blacklistWallet, unblacklistWallet];
