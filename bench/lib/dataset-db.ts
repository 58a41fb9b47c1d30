import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { createPrismaClient } from "@/lib/db/prisma";
import { seedDemo } from "@/lib/seed/demo";
import { seedServiceCatalog } from "@/lib/seed/services";
import { demoEndpoints } from "@/lib/services/catalog";
import { seedDemoIncidents } from "@/lib/seed/incidents";
import { seedDemoBlacklist } from "@/lib/seed/disputes";
import { seedTreasuryDemo } from "@/lib/seed/treasury";
import { seedSecretsDemo } from "@/lib/seed/secrets";
import { seedDailyDemo } from "@/lib/seed/daily";
import { seedMaintenanceDemo } from "@/lib/seed/maintenance";

// The database side of the bench data set: where it may live, creating and (re)creating it, the
// marker that makes a second run free, and the demo seed everything else is generated on top of.

export type TLog = (line: string) => void;

/** Bumped whenever the generated data changes shape: an older marker regenerates everything. */
export const DATASET_VERSION = 1;

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * The bench drops and recreates its database, so it refuses anything that is not on this machine
 * (the test setup's rule) and any database whose name does not say it is a bench database.
 */
export function assertBenchDatabase(databaseUrl: string): { name: string } {
  const url = new URL(databaseUrl);
  if (!LOCAL_HOSTS.has(url.hostname)) throw new Error(`Refusing a bench database on ${url.hostname}: only local databases (127.0.0.1, localhost) are allowed`);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!/bench/i.test(name)) throw new Error(`Refusing database "${name}": the bench recreates its database, so its name must contain "bench"`);
  return { name };
}

function adminUrl(databaseUrl: string) {
  const url = new URL(databaseUrl);
  url.pathname = "/postgres";
  return url.toString();
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the database when missing; with `fresh`, drops it first (a forced or interrupted run). */
export async function prepareDatabase(databaseUrl: string, { fresh, log }: { fresh: boolean; log: TLog }) {
  const { name } = assertBenchDatabase(databaseUrl);
  const admin = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await admin.connect();
  try {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount! > 0;
    if (exists && fresh) {
      log(`dropping database ${name}`);
      await admin.query(`DROP DATABASE ${quoteIdent(name)} WITH (FORCE)`);
    }
    if (!exists || fresh) {
      log(`creating database ${name}`);
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    }
  } finally {
    await admin.end();
  }
}

/** A pool for the generators: UTC (the timestamp-without-zone columns hold UTC, as Prisma writes them), no fsync wait per batch. */
export function openPool(databaseUrl: string, max = 3) {
  return new pg.Pool({ connectionString: databaseUrl, max, options: "-c timezone=UTC -c synchronous_commit=off -c maintenance_work_mem=256MB -c work_mem=64MB" });
}

export type TMarker = { version: number; createdAt: Date; counts: Record<string, number>; info: unknown; seconds: number };

const MARKER_DDL = `CREATE TABLE IF NOT EXISTS bench_dataset (version int NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), seconds numeric NOT NULL, counts jsonb NOT NULL, info jsonb NOT NULL)`;

/** The marker of a finished generation, or null (none yet, or the database is new). */
export async function readMarker(databaseUrl: string): Promise<TMarker | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (err) {
    if ((err as { code?: string }).code === "3D000") return null; // the database does not exist
    throw err;
  }
  try {
    const table = await client.query("SELECT to_regclass('public.bench_dataset') AS t");
    if (!table.rows[0]?.t) return null;
    const { rows } = await client.query("SELECT version, created_at, seconds, counts, info FROM bench_dataset ORDER BY created_at DESC LIMIT 1");
    const r = rows[0];
    return r ? { version: r.version, createdAt: r.created_at, counts: r.counts, info: r.info, seconds: Number(r.seconds) } : null;
  } finally {
    await client.end();
  }
}

export async function writeMarker(pool: pg.Pool, marker: Omit<TMarker, "createdAt">) {
  await pool.query(MARKER_DDL);
  await pool.query("DELETE FROM bench_dataset");
  await pool.query("INSERT INTO bench_dataset (version, seconds, counts, info) VALUES ($1, $2, $3, $4)", [marker.version, marker.seconds, JSON.stringify(marker.counts), JSON.stringify(marker.info)]);
}

/** Whether the database holds any table yet (a half-finished generation leaves some behind). */
export async function hasTables(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (err) {
    if ((err as { code?: string }).code === "3D000") return false;
    throw err;
  }
  try {
    const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    return rows[0].n > 0;
  } finally {
    await client.end();
  }
}

/**
 * Migrations and the demo seed, as `npm run demo` does them. No chain runs while seeding, so the
 * service endpoints are placeholders on 127.0.0.1 (the usual demo ports).
 */
export async function migrateAndSeed(databaseUrl: string, { log, now }: { log: TLog; now: Date }) {
  const applied = await applyMigrations({ databaseUrl, migrationsDir: path.resolve(__dirname, "../../prisma/migrations") });
  log(applied.length ? `applied ${applied.length} migrations` : "schema is up to date");
  const prisma = createPrismaClient(databaseUrl, { max: 2 });
  try {
    const seeded = await seedDemo(prisma, { scale: "small", nodeEnv: process.env.NODE_ENV });
    await seedServiceCatalog(
      prisma,
      demoEndpoints({
        appUrl: "http://127.0.0.1:3000",
        databaseIsEmbedded: false,
        redisUrl: "redis://127.0.0.1:6379",
        evmRpcUrl: "http://127.0.0.1:8545",
        evmFallbackUrl: "http://127.0.0.1:8546",
        xrplWsUrl: "ws://127.0.0.1:6006",
      }),
    );
    await seedDemoIncidents(prisma, now);
    await seedDemoBlacklist(prisma, now);
    await seedTreasuryDemo(prisma, now);
    await seedSecretsDemo(prisma, now);
    await seedDailyDemo(prisma, now);
    await seedMaintenanceDemo(prisma, now);
    log(`demo seed done (${seeded.demoUsers} demo accounts, ${seeded.generatedUsers} colleagues)`);
  } finally {
    await prisma.$disconnect();
  }
}
