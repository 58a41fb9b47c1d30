// Which migrations a database still lacks, by plain SQL against _prisma_migrations (no schema
// engine), so the readiness probe stays cheap and the app bundle stays free of the wasm engine.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'

export interface DbOptions {
  databaseUrl: string
  migrationsDir: string
}

/** Sub-folders of the migrations dir, sorted like the CLI does (localeCompare; the timestamp prefix orders them). */
export function listMigrationDirs(migrationsDir: string): string[] {
  if (!existsSync(migrationsDir)) return []
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b))
}

export interface MigrationStatus {
  /** Folders with no successful row in `_prisma_migrations` (includes failed ones). */
  pending: string[]
  /** Rows that started but never finished and were not rolled back: `migrate deploy` refuses to run (P3009). */
  failed: string[]
  /** Applied, but migration.sql changed since (checksum mismatch). Deploy ignores these; warn only. */
  modified: string[]
}

/**
 * Readiness check: compare the folder with `_prisma_migrations` using plain SQL
 * (no wasm engine, one short connection). Ready ⇔ pending.length === 0 && failed.length === 0.
 */
export type MigrationRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }

/** Compares the migrations folder with the rows of `_prisma_migrations` (none when the table is missing). */
export function compareMigrations(migrationsDir: string, rows: MigrationRow[]): MigrationStatus {
  const local = listMigrationDirs(migrationsDir)
  const done = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r.checksum]))
  return {
    pending: local.filter((name) => !done.has(name)),
    failed: rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
    modified: local.filter((name) => {
      const sum = done.get(name)
      const file = path.join(migrationsDir, name, 'migration.sql')
      return sum !== undefined && existsSync(file) && sum !== sha256(readFileSync(file, 'utf8'))
    }),
  }
}

export const MIGRATION_ROWS_SQL = 'select migration_name, checksum, finished_at, rolled_back_at from _prisma_migrations'

/**
 * Readiness check: compare the folder with `_prisma_migrations` using plain SQL
 * (no wasm engine, one short connection). Ready ⇔ pending.length === 0 && failed.length === 0.
 */
export async function pendingMigrations({ databaseUrl, migrationsDir }: DbOptions): Promise<MigrationStatus> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows: [{ exists }] } = await client.query(`select to_regclass('_prisma_migrations') is not null as exists`)
    const rows: MigrationRow[] = exists ? (await client.query(MIGRATION_ROWS_SQL)).rows : []
    return compareMigrations(migrationsDir, rows)
  } finally {
    await client.end()
  }
}

/** The checksum the engine stores: sha256 (hex) of the migration.sql content. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

