import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { freePort } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { createPrismaClient } from "@/lib/db/prisma";
import { seedDemo } from "@/lib/seed/demo";
import { seedServiceCatalog } from "@/lib/seed/services";
import { demoEndpoints } from "@/lib/services/catalog";
import { seedDemoIncidents } from "@/lib/seed/incidents";
import { seedDemoBlacklist } from "@/lib/seed/disputes";
import { seedTreasuryDemo } from "@/lib/seed/treasury";
import { startDevChains, devXrplWallet, type TDevChains } from "@/devchains/start";
import { ensureBuild } from "@/scripts/lib/build";
import { start, waitForHttp } from "@/scripts/lib/processes";

// What the benchmark and the chaos run stand on: a migrated, seeded database, a production build,
// the local chains, and as many OpsDeck web/worker processes as a scenario asks for.

export const ROOT = path.resolve(__dirname, "../..");
export const DEMO_PASSWORD = "opsdeck-demo";
const HEAP_MB = 512;

export type TInstance = { url: string; port: number; process: ChildProcess; logFile: string; stop: (signal?: NodeJS.Signals) => Promise<void> };

export type TStack = {
  databaseUrl: string;
  chains: TDevChains;
  /** The environment every OpsDeck process of this stack runs with. */
  env: Record<string, string>;
  startWeb: (opts?: { jobs?: boolean; env?: Record<string, string> }) => Promise<TInstance>;
  startWorker: (opts?: { env?: Record<string, string> }) => Promise<TInstance>;
  stop: () => Promise<void>;
};

/** Migrations and the demo seed (users, catalog, incidents, treasury accounts); every step is idempotent. */
export async function prepareDatabase(databaseUrl: string, appUrl = "http://127.0.0.1:3000") {
  await applyMigrations({ databaseUrl, migrationsDir: path.join(ROOT, "prisma/migrations") });
  const db = createPrismaClient(databaseUrl, { max: 1 });
  try {
    await seedDemo(db, { scale: "small", nodeEnv: "development" });
    await seedServiceCatalog(db, demoEndpoints({ appUrl, databaseIsEmbedded: false, redisUrl: "redis://127.0.0.1:6379" }));
    await seedDemoIncidents(db);
    await seedDemoBlacklist(db);
    await seedTreasuryDemo(db);
  } finally {
    await db.$disconnect();
  }
}

/** Creates the database on the local server when it does not exist yet. */
export async function ensureLocalDatabase(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const { Client } = await import("pg");
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the chains and gives a way to start OpsDeck processes on them. The EVM chain gets its own
 * chain id (4242) so the event sync never mistakes the benchmark's generated orders (other chain
 * keys) for its own and never resets them.
 */
export async function startStack(opts: { databaseUrl: string; log?: (line: string) => void; scratchDir?: string; build?: boolean }): Promise<TStack> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const scratch = opts.scratchDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "opsdeck-stack-"));
  fs.mkdirSync(scratch, { recursive: true });
  if (opts.build !== false) await ensureBuild(ROOT, { log });
  const chains = await startDevChains({ orders: 20, spreadDays: 7, xrplCloseMs: 1_000, evmBlockMs: 1_000, evmChainId: 4242, stateDir: path.join(scratch, "chains"), onProgress: log });
  const instances = new Set<TInstance>();
  const env: Record<string, string> = {
    DATABASE_URL: opts.databaseUrl,
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    LOG_LEVEL: "warn",
    ...chains.env,
    XRPL_PLATFORM_ADDRESS: devXrplWallet("platform").address,
    XRPL_FAUCET_ADDRESS: devXrplWallet("faucet").address,
    TRUSTED_PROXIES: "127.0.0.1",
    METRICS_TOKEN: crypto.randomBytes(18).toString("base64url"),
    ALERT_WEBHOOK_TOKEN: crypto.randomBytes(18).toString("base64url"),
  };

  async function launch(kind: "web" | "worker", extra: Record<string, string>): Promise<TInstance> {
    const port = await freePort(0);
    const url = `http://127.0.0.1:${port}`;
    const logFile = path.join(scratch, `${kind}-${port}.log`);
    // As `npm start` runs it: with a heap limit (V8 otherwise sizes its heap from the host's memory and collects lazily).
    const args = kind === "web" ? [`--max-old-space-size=${HEAP_MB}`, path.join(ROOT, "server.mjs")] : [path.join(ROOT, "node_modules/.bin/tsx"), "--conditions=react-server", path.join(ROOT, "scripts/worker.ts")];
    const child = start(process.execPath, args, {
      cwd: ROOT,
      stdio: ["ignore", fs.openSync(logFile, "a"), fs.openSync(logFile, "a")],
      env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", NEXTAUTH_URL: url, ...extra },
    });
    const instance: TInstance = {
      url,
      port,
      process: child,
      logFile,
      stop: (signal = "SIGTERM") =>
        new Promise<void>((resolve) => {
          instances.delete(instance);
          if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
          child.once("exit", () => resolve());
          try {
            process.kill(-child.pid, signal);
          } catch {
            resolve();
          }
        }),
    };
    instances.add(instance);
    if (kind === "web") await waitForHttp(`${url}/sign-in`, { timeoutMs: 90_000 });
    return instance;
  }

  const jobsOff = { CHAIN_JOBS: "off", FAUCET_JOBS: "off", TREASURY_JOBS: "off", MONITOR_JOBS: "off" };
  return {
    databaseUrl: opts.databaseUrl,
    chains,
    env,
    startWeb: ({ jobs = true, env: extra = {} } = {}) => launch("web", { ...(jobs ? {} : jobsOff), ...extra }),
    startWorker: ({ env: extra = {} } = {}) => launch("worker", extra),
    stop: async () => {
      await Promise.all([...instances].map((i) => i.stop()));
      await chains.stop();
    },
  };
}

/** Signs in through next-auth's credentials endpoint, as a script would; returns the Cookie header. */
export async function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`could not sign in as ${email} (HTTP ${res.status})`);
  return cookie();
}
