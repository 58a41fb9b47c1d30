import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

/** A Prisma client for a connection string. Scripts and tests use this directly; the app uses lib/db/client. */
export function createPrismaClient(connectionString: string, { max = 10 }: { max?: number } = {}) {
  const adapter = new PrismaPg({ connectionString, max });
  // Password hashes never leave lib/auth by accident: they must be selected explicitly.
  return new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true, mfaSecretEnc: true } },
    // Votes and executions lock rows; under contention a transaction may wait its turn.
    transactionOptions: { maxWait: 15_000, timeout: 30_000 },
  });
}

export type TPrisma = ReturnType<typeof createPrismaClient>;
