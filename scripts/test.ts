// `npm test`: the whole suite. Typecheck, lint, unit tests, integration tests against a real
// PostgreSQL, and Playwright against a production build in Chromium (desktop and phone).
// Each run creates and drops its own databases. `npm test -- --only unit,integration` runs a subset.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations } from "@/lib/db/migrate";
import { createPrismaClient } from "@/lib/db/prisma";
import { seedDemo } from "@/lib/seed/demo";
import { EMBEDDED_POOL_MAX, freePort } from "@/lib/db/embedded";
import { ensureBuild } from "./lib/build";
import { ensureChromium } from "./lib/browser";
import { run, start, stopAll, waitForHttp } from "./lib/processes";
import { createTestDatabase, type TTestDatabase } from "./lib/test-databases";
import { startDevChains, devXrplWallet } from "@/devchains/start";
import { seedServiceCatalog } from "@/lib/seed/services";
import { demoEndpoints } from "@/lib/services/catalog";

const root = path.resolve(__dirname, "..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const STAGES = ["typecheck", "lint", "unit", "integration", "e2e"] as const;
type TStage = (typeof STAGES)[number];

const { values: flags } = parseArgs({ options: { only: { type: "string" } } });
const selected = new Set<TStage>(flags.only ? (flags.only.split(",") as TStage[]) : STAGES);

type TResult = { stage: TStage; ok: boolean; seconds: number; passed: number; failed: number; note?: string };
const results: TResult[] = [];
const scratchDir = path.join(root, ".test-runs", `run-${Date.now()}-${crypto.randomBytes(2).toString("hex")}`);
const databases: TTestDatabase[] = [];
// Local chains started for a stage; stopped at the end and on any failure (Hardhat runs in its own process group).
const chainStops: (() => Promise<void>)[] = [];
// Without DATABASE_URL the tests run on embedded PGlite, which takes one connection at a time
// (lib/db/embedded.ts): one connection per client, test files one after another.
const isEmbedded = !process.env.DATABASE_URL;
const embeddedEnv: Record<string, string> = isEmbedded ? { DATABASE_POOL_MAX: String(EMBEDDED_POOL_MAX), E2E_EMBEDDED: "1" } : {};

function say(line: string) {
  console.log(`\n[test] ${line}`);
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

async function stage(name: TStage, body: () => Promise<Omit<TResult, "stage" | "seconds">>) {
  if (!selected.has(name)) return;
  say(`── ${name} ──`);
  const started = Date.now();
  let result: Omit<TResult, "stage" | "seconds">;
  try {
    result = await body();
  } catch (err) {
    result = { ok: false, passed: 0, failed: 1, note: err instanceof Error ? err.message : String(err) };
  }
  results.push({ stage: name, seconds: Math.round((Date.now() - started) / 100) / 10, ...result });
}

async function newDatabase(label: string) {
  const db = await createTestDatabase({ serverUrl: process.env.DATABASE_URL, label, scratchDir });
  databases.push(db);
  await applyMigrations({ databaseUrl: db.url, migrationsDir: path.join(root, "prisma/migrations") });
  return db.url;
}

type TVitestJson = { numPassedTests: number; numFailedTests: number; success: boolean };

async function vitest(project: "unit" | "integration", env: Record<string, string> = {}) {
  const out = path.join(root, "test-results", `vitest-${project}.json`);
  fs.rmSync(out, { force: true });
  const serial = isEmbedded && project === "integration" ? ["--no-file-parallelism"] : [];
  const code = await run(bin("vitest"), ["run", "--project", project, ...serial, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], {
    cwd: root,
    env: { ...process.env, ...embeddedEnv, ...env, NODE_ENV: "test" },
  });
  const report = readJson<TVitestJson>(out);
  return { ok: code === 0, passed: report?.numPassedTests ?? 0, failed: report?.numFailedTests ?? (code === 0 ? 0 : 1) };
}

type TPlaywrightJson = { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };

// Tokens for the monitoring endpoints of the e2e server (specs post Alertmanager webhooks and scrape metrics).
const monitorTokens = { metrics: crypto.randomBytes(24).toString("base64url"), alertWebhook: crypto.randomBytes(24).toString("base64url") };

async function e2e() {
  const chromium = await ensureChromium((l) => say(l));
  await ensureBuild(root, { log: (l) => say(l) });
  const databaseUrl = await newDatabase("e2e");
  const prisma = createPrismaClient(databaseUrl, { max: 1 });
  await seedDemo(prisma, { scale: "small", nodeEnv: "test" });
  await prisma.$disconnect();
  const chains = await startDevChains({ orders: 40, spreadDays: 30, xrplCloseMs: 1_000, evmBlockMs: 1_000, stateDir: path.join(scratchDir, "chains"), onProgress: (l) => say(l) });
  chainStops.push(() => chains.stop());

  const port = await freePort(0);
  const baseUrl = `http://127.0.0.1:${port}`;
  const catalogDb = createPrismaClient(databaseUrl, { max: 1 });
  await seedServiceCatalog(
    catalogDb,
    demoEndpoints({ appUrl: baseUrl, databaseIsEmbedded: isEmbedded, redisUrl: "redis://127.0.0.1:6379", evmRpcUrl: chains.env.EVM_RPC_URL, evmFallbackUrl: chains.env.EVM_RPC_FALLBACK_URL, xrplWsUrl: chains.env.XRPL_WS_URL }),
  );
  await catalogDb.$disconnect();
  const server = start(process.execPath, [path.join(root, "server.mjs")], {
    cwd: root,
    stdio: ["ignore", fs.openSync(path.join(scratchDir, "e2e-server.log"), "a"), "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      ...embeddedEnv,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
      ...chains.env,
      XRPL_PLATFORM_ADDRESS: devXrplWallet("platform").address,
      XRPL_FAUCET_ADDRESS: devXrplWallet("faucet").address,
      // The faucet specs speak as several public clients through X-Forwarded-For (trusted from loopback only).
      TRUSTED_PROXIES: "127.0.0.1",
      METRICS_TOKEN: monitorTokens.metrics,
      ALERT_WEBHOOK_TOKEN: monitorTokens.alertWebhook,
    },
  });
  try {
    await waitForHttp(`${baseUrl}/sign-in`);
    const out = path.join(root, "test-results", "e2e-report.json");
    fs.rmSync(out, { force: true });
    // E2E_ARGS narrows a local run (e.g. "--project drills --no-deps --grep RB-05"); CI never sets it.
    const code = await run(bin("playwright"), ["test", ...(process.env.E2E_ARGS?.split(" ").filter(Boolean) ?? [])], {
      cwd: root,
      // The database URL lets a spec start a second server (e.g. with ADMIN_ALLOWED_IPS) on the same data.
      env: {
        ...process.env,
        ...embeddedEnv,
        E2E_BASE_URL: baseUrl,
        E2E_DATABASE_URL: databaseUrl,
        // The chains' endpoints and addresses, for specs that check the chain itself or start a second server.
        E2E_CHAINS: JSON.stringify({ env: chains.env, ...chains.info }),
        E2E_ALERT_WEBHOOK_TOKEN: monitorTokens.alertWebhook,
        E2E_METRICS_TOKEN: monitorTokens.metrics,
        ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
      },
    });
    const report = readJson<TPlaywrightJson>(out);
    const passed = (report?.stats.expected ?? 0) + (report?.stats.flaky ?? 0);
    const failed = report?.stats.unexpected ?? (code === 0 ? 0 : 1);
    return { ok: code === 0, passed, failed };
  } finally {
    server.kill("SIGTERM");
  }
}

async function main() {
  fs.mkdirSync(scratchDir, { recursive: true });
  fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
  const started = Date.now();

  await stage("typecheck", async () => {
    const code = await run(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"], { cwd: root });
    // A check, not tests: it adds nothing to the passed count, and one failure when it fails.
    return { ok: code === 0, passed: 0, failed: code === 0 ? 0 : 1 };
  });
  await stage("lint", async () => {
    const code = await run(bin("eslint"), [".", "--max-warnings=0"], { cwd: root });
    return { ok: code === 0, passed: 0, failed: code === 0 ? 0 : 1 };
  });
  await stage("unit", () => vitest("unit"));
  await stage("integration", async () => vitest("integration", { TEST_DATABASE_URL: await newDatabase("it") }));
  await stage("e2e", e2e);

  for (const stop of chainStops) await stop();
  for (const db of databases) await db.drop().catch((err) => console.error(`[test] could not drop a test database: ${err}`));
  await stopAll();
  fs.rmSync(scratchDir, { recursive: true, force: true });

  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log("\n[test] summary");
  for (const r of results) {
    console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.stage.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds}s${r.note ? `  (${r.note})` : ""}`);
  }
  console.log(`  total time ${Math.round((Date.now() - started) / 1000)}s\n`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

main().catch(async (err) => {
  console.error(err);
  await stopAll();
  for (const stop of chainStops) await stop().catch(() => {});
  process.exit(1);
});
