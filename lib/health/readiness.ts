import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { pendingMigrations } from "@/lib/db/migration-status";

/** Ready means: the database answers and every committed migration is applied. */
export async function checkReadiness(): Promise<{ ready: boolean; reason?: string }> {
  try {
    const status = await pendingMigrations({ databaseUrl: env().DATABASE_URL, migrationsDir: path.join(process.cwd(), "prisma/migrations") });
    if (status.failed.length) return { ready: false, reason: `failed migration: ${status.failed.join(", ")}` };
    if (status.pending.length) return { ready: false, reason: `pending migrations: ${status.pending.join(", ")}` };
    return { ready: true };
  } catch (err) {
    return { ready: false, reason: `database unreachable: ${err instanceof Error ? err.message.split("\n")[0] : "error"}` };
  }
}
