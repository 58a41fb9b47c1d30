/* eslint-disable @typescript-eslint/no-explicit-any -- this module patches untyped internals of
   the wasm-bindgen glue and of @prisma/adapter-pg; `any` marks exactly those places. */
/**
 * Prisma migrations without the native schema engine.
 *
 * The Prisma 7 CLI (`prisma migrate deploy|diff|dev`) always downloads the native
 * `schema-engine` binary, which is impossible offline. This module drives the
 * *WebAssembly* build of the same engine (`@prisma/schema-engine-wasm`) through a
 * driver adapter (`@prisma/adapter-pg`), so:
 *
 *  - `applyMigrations` is the engine's own `applyMigrations` (= `prisma migrate deploy`):
 *    same advisory lock, same `_prisma_migrations` table and rows (sha256 checksum,
 *    started_at/finished_at, applied_steps_count, logs).
 *  - `diffSchema` is the engine's `diff` (= `prisma migrate diff --script`).
 *  - `createMigration` writes `prisma/migrations/<timestamp>_<name>/migration.sql`
 *    (= `prisma migrate dev --create-only`, without applying anything).
 *  - `pendingMigrations` (migration-status.ts) is plain SQL, cheap enough for a readiness probe.
 *
 * PostgreSQL only (that is what the pg adapter speaks).
 */
import crypto from 'node:crypto'
import { listMigrationDirs, type DbOptions } from './migration-status'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils'
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg'

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] }

// ---------------------------------------------------------------------------
// Loading the wasm engine
// ---------------------------------------------------------------------------

type Bindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg')
let bindings: Promise<Bindings> | undefined
/** The package's own entry does `import * as wasm from "./x.wasm"`, which Node 20 can't do
 *  without a flag, so we instantiate the module by hand (wasm-bindgen glue). Loaded lazily:
 *  importing this file for `pendingMigrations` alone does not pull in the 5 MB engine. */
function loadWasm(): Promise<Bindings> {
  return (bindings ??= (async () => {
    const glue: Bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg')
    // Rust panics are reported through this global (the Prisma CLI installs the same thing);
    // without it a panic surfaces as "Cannot read properties of undefined (reading 'set_message')".
    const g = globalThis as any
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: '',
      get() { return this.message },
      set_message(m: string) { this.message = `RuntimeError: ${m}` },
    }
    // Resolved from the project root so this works from CommonJS (tsx scripts) and ESM alike.
    const glueFile = createRequire(path.join(process.cwd(), 'package.json')).resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const wasmModule = new WebAssembly.Module(readFileSync(path.join(path.dirname(glueFile), 'schema_engine_bg.wasm')))
    // The engine arms a 10 s setTimeout (advisory-lock timeout) and never clears it, which
    // keeps Node alive 10 s after applyMigrations returns. Hand the wasm unref'd timers
    // instead; withEngine keeps the loop alive while an operation is actually running.
    const imports: Record<string, unknown> = { ...glue }
    for (const key of Object.keys(imports).filter((k) => k.startsWith('__wbg_setTimeout_'))) {
      const orig = imports[key] as (...a: unknown[]) => NodeJS.Timeout
      imports[key] = (...a: unknown[]) => orig(...a).unref()
    }
    const instance = new WebAssembly.Instance(wasmModule, { './schema_engine_bg.js': imports as any })
    ;(glue as any).__wbg_set_wasm(instance.exports)
    ;(instance.exports as any).__wbindgen_start()
    return glue
  })())
}

/** Engine logs arrive as JSON lines; print them only when PRISMA_WASM_DEBUG is set. */
function log(line: string) {
  if (process.env.PRISMA_WASM_DEBUG) console.error('[schema-engine]', line)
}

/**
 * Run `fn` with a fresh engine bound to `adapter`, and always free it.
 * Note: the engine queries the database as soon as it is created (version probe),
 * so even an "empty → schema" diff needs a reachable database.
 */
async function withEngine<T>(
  adapter: Adapter,
  datamodels: [string, string][] | undefined,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadWasm()
  const keepAlive = setInterval(() => {}, 60_000) // see the unref'd timers in loadWasm
  let engine: SchemaEngine | undefined
  try {
    engine = await SchemaEngine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(adapter))
    return await fn(engine)
  } catch (e: any) {
    // Engine errors are objects like { message, error_code, meta } (error_code e.g. "P3009"),
    // or a panic (message kept in PRISMA_WASM_PANIC_REGISTRY).
    const panic = (globalThis as any).PRISMA_WASM_PANIC_REGISTRY?.get?.()
    let msg = typeof e === 'string' ? e : (e?.message ?? (panic || JSON.stringify(e)))
    if (adapter.connectError) msg += `\n(cause: ${adapter.connectError.message})`
    const err = new Error(msg)
    throw Object.assign(err, { code: e?.error_code, meta: e?.meta })
  } finally {
    engine?.free()
    await adapter.disposeAll()
    clearInterval(keepAlive)
  }
}

type Adapter = SqlMigrationAwareDriverAdapterFactory & {
  disposeAll(): Promise<void>
  /** The engine reports errors thrown by connect()/connectToShadowDb() only as "External error id#N". */
  connectError?: Error
}

/**
 * Two fixes to @prisma/adapter-pg 7.10.1 for use by the schema engine:
 *
 * 1. `executeScript` splits the script on every ";" and runs the pieces one by one. That
 *    breaks migrations with ';' inside strings / $$ function bodies $$, and a failure
 *    halfway leaves the first statements applied. The native engine sends the whole
 *    migration.sql as ONE simple-protocol query (PostgreSQL runs it as one implicit
 *    transaction), so we do the same.
 * 2. `queryRaw` throws "UnsupportedNativeDataType" on columns of the internal one-byte type
 *    `"char"` (OID 18), which the engine's schema describer selects from pg_catalog
 *    (contype, relkind, ...): every operation that *describes* a database (diff from
 *    migrations / database, i.e. createMigration) failed. We report them as text (OID 25)
 *    to adapter-pg and then type the column as Character, which is what the engine reads.
 */
const PG_CHAR = 18, PG_TEXT = 25
type PgQueryable = { queryRaw(q: unknown): Promise<any>; performIO(q: unknown): Promise<any> }

function fixCharColumns(queryable: PgQueryable) {
  const { queryRaw, performIO } = queryable
  queryable.queryRaw = async function (this: PgQueryable, query: unknown) {
    const charColumns: number[] = []
    // Per-call view of `this` whose performIO relabels "char" fields (concurrency-safe).
    const view = Object.create(this, {
      performIO: {
        value: async (q: unknown) => {
          const res = await performIO.call(this, q)
          res?.fields?.forEach((f: { dataTypeID: number }, i: number) => {
            if (f.dataTypeID === PG_CHAR) {
              f.dataTypeID = PG_TEXT
              charColumns.push(i)
            }
          })
          return res
        },
      },
    })
    const resultSet = await queryRaw.call(view, query)
    for (const i of charColumns) resultSet.columnTypes[i] = ColumnTypeEnum.Character
    return resultSet
  }
}

async function connectPg(url: string): Promise<SqlDriverAdapter> {
  const adapter: any = await new PrismaPg({ connectionString: url }).connect()
  const pool: pg.Pool = adapter.underlyingDriver() // the pg.Pool that adapter.dispose() ends
  fixCharColumns(adapter)
  const startTransaction = adapter.startTransaction
  adapter.startTransaction = async function (...args: unknown[]) {
    const tx = await startTransaction.apply(this, args)
    fixCharColumns(tx)
    return tx
  }
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script) // no parameters => simple query protocol, multi-statement
    } catch (e) {
      adapter.onError(e) // rethrows as DriverAdapterError, like the original
    }
  }
  return adapter
}

/**
 * pg driver adapter factory for the engine. Differences from plain `new PrismaPg(url)`:
 *  - the two adapter-pg fixes above;
 *  - every connection it opens is disposed by `disposeAll()` (the engine does not close its
 *    connections when freed; left open, pg's idle timer keeps the process alive ~10 s);
 *  - shadow database: `shadowDatabaseUrl` if given (its `public` schema is wiped first), else a temporary
 *    `prisma_migrate_shadow_db_<uuid>` created next to `databaseUrl` and dropped afterwards
 *    (what PrismaPg.connectToShadowDb does, minus its leaked admin pool).
 */
function pgAdapter(databaseUrl: string, shadowDatabaseUrl?: string): Adapter {
  const cleanups: (() => Promise<unknown>)[] = []
  const open = async (url: string) => {
    const conn = await connectPg(url)
    cleanups.unshift(() => conn.dispose())
    return conn
  }
  const remember = <T>(p: Promise<T>) => p.catch((e) => { adapter.connectError = e; throw e })
  const adapter: Adapter = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => remember(open(databaseUrl)),
    connectToShadowDb: () => remember(openShadow()),
    async disposeAll() {
      for (const c of cleanups.splice(0)) await c().catch(() => {})
    },
  }
  return adapter

  async function openShadow() {
    if (shadowDatabaseUrl) {
      // The engine replays the migrations into whatever it is given, so start from an empty
      // `public` schema (the native engine also wipes a configured shadow database).
      // Guard against wiping a real database by mistake.
      const shadow = await open(shadowDatabaseUrl)
      const { rows } = await shadow.queryRaw({ sql: `SELECT to_regclass('public._prisma_migrations')::text`, args: [], argTypes: [] })
      if (shadowDatabaseUrl === databaseUrl || rows[0]?.[0] !== null) {
        throw new Error(`Refusing to use ${shadowDatabaseUrl} as shadow database: it is the main database or has _prisma_migrations`)
      }
      await shadow.executeScript('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;')
      return shadow
    }
    const name = `prisma_migrate_shadow_db_${crypto.randomUUID()}`
    const admin = await open(databaseUrl)
    await admin.executeScript(`CREATE DATABASE "${name}"`)
    cleanups.unshift(() => admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    const url = new URL(databaseUrl)
    url.pathname = `/${name}`
    return open(url.toString())
  }
}

// ---------------------------------------------------------------------------
// Reading the migrations folder (what the CLI hands to the engine)
// ---------------------------------------------------------------------------

/** Same structure the CLI builds before calling the engine (a missing migration.sql becomes an engine error). */
function readMigrationsList(migrationsDir: string): MigrationList {
  const baseDir = path.resolve(migrationsDir)
  const read = (file: string) => {
    try {
      return { tag: 'ok' as const, value: readFileSync(file, 'utf8') }
    } catch (e: any) {
      return { tag: 'error' as const, value: String(e.message) }
    }
  }
  const lock = read(path.join(baseDir, 'migration_lock.toml'))
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lock.tag === 'ok' ? lock.value : null },
    shadowDbInitScript: '',
    migrationDirectories: listMigrationDirs(baseDir).map((name) => ({
      path: name,
      migrationFile: { path: 'migration.sql', content: read(path.join(baseDir, name, 'migration.sql')) },
    })),
  }
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------


/**
 * `prisma migrate deploy`: applies every migration not yet in `_prisma_migrations`,
 * in name order, each in its own step; stops at the first failure (the failed row is
 * left with finished_at NULL and the error in `logs`, exactly like the CLI).
 * Returns the names applied by this call ([] when already up to date).
 */
export async function applyMigrations({ databaseUrl, migrationsDir }: DbOptions): Promise<string[]> {
  const migrationsList = readMigrationsList(migrationsDir)
  return withEngine(pgAdapter(databaseUrl), undefined, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: NO_FILTER })
    return out.appliedMigrationNames
  })
}

export interface DiffOptions {
  /** Target: the schema.prisma file (its datasource block needs no url). */
  schemaPath: string
  /**
   * Any database on the target server. The engine always connects (it probes the server
   * version); for `from: 'database'` this is the database diffed against.
   */
  databaseUrl: string
  /**
   * Starting point (default 'empty'):
   *  - 'empty'      : nothing (like --from-empty)
   *  - 'migrations' : replay `migrationsDir` on a shadow database (like --from-migrations);
   *                   the shadow db is `shadowDatabaseUrl`, or a temporary one created next to `databaseUrl`
   *  - 'database'   : the live `databaseUrl` (like --from-config-datasource)
   */
  from?: 'empty' | 'migrations' | 'database'
  migrationsDir?: string
  shadowDatabaseUrl?: string
}

/** `prisma migrate diff --script`: SQL that takes `from` to the schema file
 *  ("-- This is an empty migration." when there is nothing to do, like the CLI). */
export async function diffSchema(opts: DiffOptions): Promise<string> {
  return (await runDiff(opts)).sql
}

async function runDiff(opts: DiffOptions): Promise<{ sql: string; changed: boolean }> {
  const content = readFileSync(opts.schemaPath, 'utf8')
  const to = { tag: 'schemaDatamodel' as const, files: [{ path: opts.schemaPath, content }] }
  const from =
    opts.from === 'migrations' ? { tag: 'migrations' as const, ...readMigrationsList(opts.migrationsDir ?? fail('migrationsDir is required')) }
    // "schemaDatasource" = the database behind the schema's datasource, i.e. our adapter
    // (the wasm engine rejects the { tag: 'url' } target: "--from-url ... no longer supported").
    : opts.from === 'database' ? { tag: 'schemaDatasource' as const, files: to.files, configDir: path.dirname(path.resolve(opts.schemaPath)) }
    : { tag: 'empty' as const }
  return withEngine(pgAdapter(opts.databaseUrl, opts.shadowDatabaseUrl), [[opts.schemaPath, content]], async (engine) => {
    // exitCode: true makes the engine report 2 when the diff is non-empty (= `--exit-code`).
    const res = await engine.diff({ from, to, script: true, exitCode: true, filters: NO_FILTER })
    return { sql: res.stdout ?? '', changed: res.exitCode === 2 }
  })
}

/**
 * `prisma migrate dev --create-only`, without a shadow-db-capable native engine:
 * diff(migrations folder -> schema) and write `<migrationsDir>/<yyyyMMddHHmmss>_<name>/migration.sql`
 * (+ migration_lock.toml, same text as the CLI). Returns the folder name, or null when the
 * schema already matches the migrations (pass `allowEmpty` to still create an empty one).
 * (The wasm engine's own `createMigration` rejects adapter-provided shadow databases:
 * "PostgreSQL shadow DB must be provided through an external factory"; `diff` accepts them.)
 */
export async function createMigration(opts: {
  schemaPath: string
  migrationsDir: string
  name: string
  databaseUrl: string
  shadowDatabaseUrl?: string
  allowEmpty?: boolean
}): Promise<string | null> {
  // The engine refuses to replay a folder without a lock file, so write it first (the CLI's
  // text). Replaying even an empty folder on the shadow db (rather than diffing from 'empty')
  // matches `migrate dev`: no `CREATE SCHEMA IF NOT EXISTS "public"` in the first migration.
  const lock = path.join(opts.migrationsDir, 'migration_lock.toml')
  if (!existsSync(lock)) {
    mkdirSync(opts.migrationsDir, { recursive: true })
    writeFileSync(lock, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n')
  }
  const { sql, changed } = await runDiff({ ...opts, from: 'migrations' })
  if (!changed && !opts.allowEmpty) return null
  // Same naming as the engine: UTC yyyyMMddHHmmss + '_' + slug.
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  const slug = opts.name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')
  const name = slug ? `${stamp}_${slug}` : stamp
  mkdirSync(path.join(opts.migrationsDir, name), { recursive: true })
  writeFileSync(path.join(opts.migrationsDir, name, 'migration.sql'), sql)
  return name
}

function fail(msg: string): never {
  throw new Error(msg)
}

export { pendingMigrations } from './migration-status'
