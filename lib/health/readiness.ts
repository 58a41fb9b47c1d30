import "server-only";
import path from "node:path";
import { db } from "@/lib/db/client";
import { compareMigrations, type MigrationRow } from "@/lib/db/migration-status";

/**
 * Ready means: the database answers and every committed migration is applied. Read through the
 * app's own pool (the embedded database takes one connection at a time).
 */
export async function checkReadiness(): Promise<{ ready: boolean; reason?: string }> {
  try {
    const [table] = await db.$queryRaw<{ exists: boolean }[]>`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`;
    const rows = table?.exists
      ? await db.$queryRaw<MigrationRow[]>`SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations`
      : [];
    const status = compareMigrations(path.join(process.cwd(), "prisma/migrations"), rows);
    if (status.failed.length) return { ready: false, reason: `failed migration: ${status.failed.join(", ")}` };
    if (status.pending.length) return { ready: false, reason: `pending migrations: ${status.pending.join(", ")}` };
    return { ready: true };
  } catch (err) {
    return { ready: false, reason: `database unreachable: ${err instanceof Error ? err.message.split("\n")[0] : "error"}` };
  }
}
