import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, pendingMigrations } from "@/lib/db/migrate";
import { listMigrationDirs, sha256 } from "@/lib/db/migration-status";
import fs from "node:fs";

const url = process.env.TEST_DATABASE_URL!;
const migrationsDir = path.resolve("prisma/migrations");
const client = new pg.Client({ connectionString: url });

afterAll(() => client.end());

describe("[DB][MIGRATIONS]: the offline migrator writes what `prisma migrate deploy` writes", () => {
  it("has applied every committed migration, with Prisma's checksum", async () => {
    await client.connect();
    const { rows } = await client.query("select migration_name, checksum, finished_at, applied_steps_count from _prisma_migrations order by migration_name");
    const names = listMigrationDirs(migrationsDir);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(migrationsDir, row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(sha256(sql));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("reports nothing pending, and applying again changes nothing", async () => {
    expect(await pendingMigrations({ databaseUrl: url, migrationsDir })).toEqual({ pending: [], failed: [], modified: [] });
    expect(await applyMigrations({ databaseUrl: url, migrationsDir })).toEqual([]);
  });
});
