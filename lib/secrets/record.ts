import type { Prisma } from "@/generated/prisma/client";

// The one way a rotation enters the schedule: the secrets page's operation and the wallet rotation
// flow both call it inside their transaction, so the history and "last rotated" never disagree.

export async function recordSecretRotation(tx: Prisma.TransactionClient, args: { secretId: string; rotatedAt: Date; by: string; note: string; source: string }): Promise<void> {
  await tx.secretRotation.create({ data: { secretId: args.secretId, rotatedAt: args.rotatedAt, recordedBy: args.by, note: args.note, source: args.source } });
  // The latest rotation wins even when an older one is recorded afterwards.
  await tx.managedSecret.updateMany({
    where: { id: args.secretId, OR: [{ lastRotatedAt: null }, { lastRotatedAt: { lt: args.rotatedAt } }] },
    data: { lastRotatedAt: args.rotatedAt, lastRotatedBy: args.by },
  });
}
