import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { createPrismaClient } from "@/lib/db/prisma";
import type { TPrisma } from "@/lib/db/prisma";
import { assertLocalDatabase } from "./local-database";

/**
 * A database of this test file's own, for state that is global to OpsDeck (the faucet's pause,
 * limits and queue): other files running at the same time (the pipeline matrix pauses the faucet)
 * must not see it. Made on the run's PostgreSQL server next to the shared test database and
 * dropped afterwards. On the embedded database (files run one at a time) the shared one is used.
 */
export function privateDb(label: string): () => TPrisma {
  const shared = assertLocalDatabase(process.env.TEST_DATABASE_URL);
  const isEmbedded = process.env.E2E_EMBEDDED === "1";
  const name = `${new URL(shared).pathname.slice(1)}_${label}_${crypto.randomBytes(3).toString("hex")}`.slice(0, 60);
  const url = new URL(shared);
  url.pathname = `/${name}`;
  let db: TPrisma | undefined;
  beforeAll(async () => {
    if (isEmbedded) {
      db = createPrismaClient(shared, { max: Number(process.env.DATABASE_POOL_MAX ?? 4) });
      return;
    }
    const admin = new pg.Client({ connectionString: shared });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    await applyMigrations({ databaseUrl: url.toString(), migrationsDir: path.resolve("prisma/migrations") });
    db = createPrismaClient(url.toString(), { max: 8 });
  }, 120_000);
  afterAll(async () => {
    await db?.$disconnect();
    if (isEmbedded) return;
    const admin = new pg.Client({ connectionString: shared });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  return () => {
    if (!db) throw new Error("the private database is not ready yet");
    return db;
  };
}
