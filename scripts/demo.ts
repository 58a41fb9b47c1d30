// `npm run demo`: the whole product on embedded defaults. Starts (or reuses) the database,
// applies migrations, seeds demo data, builds and serves OpsDeck, prints the URL and sign-ins.
// Ctrl-C stops everything it started. Flags: --reset (start from empty data), --scale large,
// --rebuild (force a production build).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { EMBEDDED_POOL_MAX, startEmbeddedDatabase, freePort, type TEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { createPrismaClient } from "@/lib/db/prisma";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo, type TScale } from "@/lib/seed/demo";
import { ensureBuild } from "./lib/build";
import { start, stopAll, waitForHttp } from "./lib/processes";
import { startDevChains, devXrplWallet } from "@/devchains/start";
import { seedServiceCatalog } from "@/lib/seed/services";
import { demoEndpoints } from "@/lib/services/catalog";
import { seedDemoIncidents } from "@/lib/seed/incidents";
import { seedDemoBlacklist } from "@/lib/seed/disputes";
import { seedTreasuryDemo } from "@/lib/seed/treasury";
import { seedSecretsDemo } from "@/lib/seed/secrets";
import { seedDailyDemo } from "@/lib/seed/daily";
import { seedMaintenanceDemo } from "@/lib/seed/maintenance";

const root = path.resolve(__dirname, "..");
const stateDir = path.join(root, ".opsdeck");

const { values: flags } = parseArgs({
  options: {
    reset: { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    scale: { type: "string", default: "small" },
  },
});

function say(line: string) {
  console.log(`[demo] ${line}`);
}

/** A random token kept in .opsdeck between runs (the session secret, the monitoring tokens). */
function keptToken(name: string): string {
  const file = path.join(stateDir, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(24).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

/** A session secret kept between runs so sign-ins survive a restart of the demo. */
function demoSecret(): string {
  const file = path.join(stateDir, "secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

// Module-level so a failure anywhere still stops the chains (the Hardhat node runs in its own process group).
let stopChains: (() => Promise<void>) | undefined;

async function main() {
  const scale = flags.scale === "large" ? "large" : ("small" satisfies TScale);
  if (flags.reset && fs.existsSync(stateDir)) {
    say("--reset: removing .opsdeck/");
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
  fs.mkdirSync(stateDir, { recursive: true });

  let embedded: TEmbeddedDatabase | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    say("DATABASE_URL is not set: starting the embedded PostgreSQL (data in .opsdeck/pgdata)");
    embedded = await startEmbeddedDatabase({ dataDir: path.join(stateDir, "pgdata") });
    databaseUrl = embedded.url;
  }

  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say("stopping…");
    await stopAll();
    await stopChains?.();
    await embedded?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const applied = await applyMigrations({ databaseUrl, migrationsDir: path.join(root, "prisma/migrations") });
  say(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  const prisma = createPrismaClient(databaseUrl, { max: 1 });
  const seeded = await seedDemo(prisma, { scale, nodeEnv: process.env.NODE_ENV });
  await prisma.$disconnect();
  say(`demo data ready (${seeded.demoUsers} demo accounts, ${seeded.generatedUsers} colleagues, scale ${scale})`);

  await ensureBuild(root, { force: flags.rebuild, log: say });

  // The local chains: a Hardhat node with the escrow and 30 days of generated orders, and the
  // XRPL dev ledger (its state kept in .opsdeck/chains between runs). Standard ports when free.
  const evmPort = await freePort(8545);
  const xrplPort = await freePort(6006);
  const chains = await startDevChains({
    evmPort,
    evmFallbackPort: await freePort(evmPort + 1),
    xrplPort,
    xrplFallbackPort: await freePort(xrplPort + 1),
    stateDir: path.join(stateDir, "chains"),
    orders: 300,
    spreadDays: 30,
    evmBlockMs: 2_000,
    onProgress: (line) => say(line),
  });
  stopChains = () => chains.stop();
  say(`chains ready: EVM ${chains.evm.rpcUrl} (escrow ${chains.evm.escrow}), XRPL ${chains.xrpl.url}`);

  const port = await freePort(Number(process.env.PORT ?? 3000));
  const host = process.env.HOST ?? "127.0.0.1";
  const appUrl = `http://${host}:${port}`;

  // The service map points at what really runs here (OpsDeck, its database, Redis, the chains).
  const catalogDb = createPrismaClient(databaseUrl, { max: 1 });
  await seedServiceCatalog(
    catalogDb,
    demoEndpoints({ appUrl, databaseIsEmbedded: !!embedded, redisUrl: "redis://127.0.0.1:6379", evmRpcUrl: chains.env.EVM_RPC_URL, evmFallbackUrl: chains.env.EVM_RPC_FALLBACK_URL, xrplWsUrl: chains.env.XRPL_WS_URL }),
  );
  // Incident history to look at (after the catalog: it names catalog services).
  await seedDemoIncidents(catalogDb);
  await seedDemoBlacklist(catalogDb);
  await seedTreasuryDemo(catalogDb);
  await seedSecretsDemo(catalogDb);
  await seedDailyDemo(catalogDb);
  await seedMaintenanceDemo(catalogDb);
  await catalogDb.$disconnect();
  const server = start(process.execPath, [path.join(root, "server.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: host,
      DATABASE_URL: databaseUrl,
      ...(embedded ? { DATABASE_POOL_MAX: String(EMBEDDED_POOL_MAX) } : {}),
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? demoSecret(),
      OPSDECK_DEMO: "true",
      ...chains.env,
      XRPL_PLATFORM_ADDRESS: devXrplWallet("platform").address,
      XRPL_FAUCET_ADDRESS: devXrplWallet("faucet").address,
      METRICS_TOKEN: keptToken("metrics-token"),
      ALERT_WEBHOOK_TOKEN: keptToken("alert-webhook-token"),
    },
  });
  server.once("exit", (code) => {
    if (!shuttingDown) {
      say(`the web server stopped (exit ${code})`);
      void shutdown(code ?? 1);
    }
  });
  await waitForHttp(`${appUrl}/sign-in`);

  const demo = {
    appUrl,
    databaseUrl,
    embeddedDatabase: !!embedded,
    startedAt: new Date().toISOString(),
    signIns: { password: DEMO_PASSWORD, users: DEMO_USERS.map((u) => ({ email: u.email, roles: u.roles })) },
    chains: chains.info,
  };
  fs.writeFileSync(path.join(stateDir, "demo.json"), JSON.stringify(demo, null, 2) + "\n");

  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  console.log(
    [
      "",
      `  OpsDeck is running at ${appUrl}`,
      "",
      `  Sign in with any of these (password: ${DEMO_PASSWORD}):`,
      ...DEMO_USERS.map((u) => `    ${u.email.padEnd(width)}  ${u.roles.join(", ")}`),
      "",
      `  Chains: EVM ${chains.evm.rpcUrl} (chain id ${chains.evm.chainId}, escrow ${chains.evm.escrow})`,
      `          XRPL ${chains.xrpl.url} (fallback ${chains.xrpl.fallbackUrl})`,
      `  Metrics: curl -H "Authorization: Bearer $(cat .opsdeck/metrics-token)" ${appUrl}/api/metrics`,
      `  Alertmanager webhook: ${appUrl}/api/alerts/alertmanager (token in .opsdeck/alert-webhook-token)`,
      "  Details for scripts: .opsdeck/demo.json   Stop: Ctrl-C",
      "",
    ].join("\n"),
  );
}

main().catch(async (err) => {
  console.error(`[demo] failed: ${err instanceof Error ? err.message : String(err)}`);
  await stopAll();
  await stopChains?.();
  process.exit(1);
});
