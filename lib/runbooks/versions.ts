import type { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import type { TRunbook } from "@/lib/runbooks/types";

// Reading stored runbook versions (loader.ts writes them).

/** A stored version's definition (what a run follows). */
export async function runbookVersion(db: TPrisma | Prisma.TransactionClient, runbookId: string, version: number): Promise<TRunbook | null> {
  const row = await db.runbookVersion.findUnique({ where: { runbookId_version: { runbookId, version } }, select: { definition: true } });
  return row ? (row.definition as unknown as TRunbook) : null;
}

export async function latestRunbookVersion(db: TPrisma | Prisma.TransactionClient, runbookId: string): Promise<{ version: number; runbook: TRunbook } | null> {
  const row = await db.runbookVersion.findFirst({ where: { runbookId }, orderBy: { version: "desc" }, select: { version: true, definition: true } });
  return row ? { version: row.version, runbook: row.definition as unknown as TRunbook } : null;
}
