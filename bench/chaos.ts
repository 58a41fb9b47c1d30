// `npm run chaos`: OpsDeck under failure, bounded in time, on loopback only. Two web instances and
// two job workers share one PostgreSQL while traffic runs; PostgreSQL restarts, the primary RPC
// endpoints go away, the workers are killed in the middle of faucet dispatch, and the process
// casting the approval of a treasury transfer is killed while the transfer is on its way. Then the
// invariants are checked against the database and the ledger, and generated malformed requests hit
// every API route and server action. Writes bench/results/chaos-<date>.json; exits 1 on any breach.
// Flags: --fuzz-runs N (per HTTP target, default 100), --skip-pg-restart.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { startTcpProxy, type TTcpProxy } from "@/devchains/tcp-proxy";
import { devXrplWallet } from "@/devchains/start";
import { createPrismaClient, type TPrisma } from "@/lib/db/prisma";
import { start, stopAll } from "@/scripts/lib/processes";
import { ROOT, ensureLocalDatabase, prepareDatabase, signIn, startStack, type TInstance, type TStack } from "./lib/stack";
import { failuresBetween, postFaucet, startTraffic } from "./chaos/traffic";
import { acknowledgedWritesKept, auditChainIntact, noDoubleSends, probesOncePerInterval, roundsOncePerInterval, tableCounts, type TInvariant } from "./chaos/invariants";
import { fuzzHttp, fuzzTargets, serverActionIds } from "./chaos/fuzz-http";
import { demoActor } from "./chaos/actors";

const { values: flags } = parseArgs({ options: { "fuzz-runs": { type: "string", default: "100" }, "skip-pg-restart": { type: "boolean", default: false } } });

const say = (line: string) => console.log(`[chaos] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type TScenario = { name: string; requests: number; failed: number; recoverSeconds: number; detail: string; failures?: string };

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The local cluster's control command, when this machine runs PostgreSQL itself (Debian's pg_ctlcluster). */
function restartPostgres() {
  const version = fs.readdirSync("/etc/postgresql").sort().at(-1);
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version!, "main", "restart", "-m", "fast"], { stdio: "inherit" });
}

async function main() {
  const databaseUrl = process.env.CHAOS_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/opsdeck_chaos";
  if (!["127.0.0.1", "localhost"].includes(new URL(databaseUrl).hostname)) throw new Error("chaos runs on loopback only: CHAOS_DATABASE_URL must name a database on this machine");
  const started = Date.now();
  // A fresh database each run, so every count below is this run's.
  {
    const admin = new URL(databaseUrl);
    admin.pathname = "/postgres";
    const { Client } = await import("pg");
    const c = new Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    await c.end();
  }
  await ensureLocalDatabase(databaseUrl);
  await prepareDatabase(databaseUrl);
  say("database ready");

  const stack: TStack = await startStack({ databaseUrl, log: say });
  const scenarios: TScenario[] = [];
  const invariants: TInvariant[] = [];
  let fuzz: Awaited<ReturnType<typeof fuzzHttp>> = [];
  let writesDuringFuzz: string[] = [];
  const proxies: TTcpProxy[] = [];
  let db: TPrisma | undefined;
  try {
    // Primary endpoints the run can take away (the fallbacks stay): loopback forwarders in front of the nodes.
    const evmPort = Number(new URL(stack.chains.evm.rpcUrl).port);
    const xrplPort = Number(new URL(stack.chains.xrpl.url).port);
    let evmPrimary = await startTcpProxy({ target: { host: "127.0.0.1", port: evmPort } });
    let xrplPrimary = await startTcpProxy({ target: { host: "127.0.0.1", port: xrplPort } });
    proxies.push(evmPrimary, xrplPrimary);
    const shared = { EVM_RPC_URL: evmPrimary.url("http"), XRPL_WS_URL: xrplPrimary.url("ws"), FAUCET_NODE_TIMEOUT_MS: "5000", TREASURY_POLL_SECONDS: "10", DATABASE_POOL_MAX: "5" };
    // This process signs nothing itself, but the in-process operations below read the same configuration.
    Object.assign(process.env, stack.env, shared);
    db = createPrismaClient(databaseUrl, { max: 4 });
    const since = new Date();

    const webs: TInstance[] = [await stack.startWeb({ jobs: false, env: shared }), await stack.startWeb({ jobs: false, env: shared })];
    let workers: TInstance[] = [await stack.startWorker({ env: shared }), await stack.startWorker({ env: shared })];
    say(`two web instances (${webs.map((w) => w.url).join(", ")}) and two workers on one database`);
    await waitFor("the workers' first rounds", async () => (await db!.jobRound.count({ where: { job: { startsWith: "chain-sync" } } })) >= 1, 60_000, 500);

    const cookie = await signIn(webs[0]!.url, "operator@opsdeck.local");
    const traffic = startTraffic({ webs: () => webs.map((w) => w.url), cookie });

    // 1. Baseline.
    let t0 = Date.now();
    await sleep(10_000);
    scenarios.push({ name: "baseline (2 web + 2 workers)", ...failuresBetween(traffic.samples, t0, Date.now()), detail: "" });

    // 2. PostgreSQL restarts under load.
    if (!flags["skip-pg-restart"]) {
      t0 = Date.now();
      say("restarting PostgreSQL");
      restartPostgres();
      await waitFor("OpsDeck ready again", async () => (await Promise.all(webs.map((w) => fetch(`${w.url}/api/health/ready`).then((r) => r.status === 200)))).every(Boolean), 60_000, 250);
      await sleep(5_000);
      const f = failuresBetween(traffic.samples, t0, Date.now());
      scenarios.push({ name: "PostgreSQL restart", ...f, detail: f.failed ? `${f.failed} requests failed while the database restarted; all served again ${f.recoverSeconds} s after the restart began` : "no request failed: the pools reconnected before any request needed them" });
    }

    // 3. The primary RPC endpoints stop; the fallbacks take over.
    {
      const cursorBefore = await db.chainCursor.findFirst({ select: { lastBlock: true } });
      const sentBefore = await db.faucetRequest.count({ where: { status: "sent" } });
      t0 = Date.now();
      say("stopping the primary EVM and XRPL endpoints for 25 s");
      await Promise.all([evmPrimary.close(), xrplPrimary.close()]);
      await sleep(25_000);
      const cursorAfter = await db.chainCursor.findFirst({ select: { lastBlock: true } });
      const sentAfter = await db.faucetRequest.count({ where: { status: "sent" } });
      evmPrimary = await startTcpProxy({ target: { host: "127.0.0.1", port: evmPort }, port: evmPrimary.port });
      xrplPrimary = await startTcpProxy({ target: { host: "127.0.0.1", port: xrplPort }, port: xrplPrimary.port });
      proxies.push(evmPrimary, xrplPrimary);
      const blocks = Number((cursorAfter?.lastBlock ?? 0n) - (cursorBefore?.lastBlock ?? 0n));
      scenarios.push({ name: "primary RPC stopped", ...failuresBetween(traffic.samples, t0, Date.now()), detail: `event sync advanced ${blocks} blocks and ${sentAfter - sentBefore} faucet grants were sent through the fallbacks` });
      invariants.push({ name: "fallback RPC took over", ok: blocks > 0 && sentAfter > sentBefore, detail: `${blocks} blocks synced, ${sentAfter - sentBefore} grants sent while the primaries were down` });
    }

    // 4. Both workers are killed while faucet grants are on their way to the ledger.
    {
      t0 = Date.now();
      const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => postFaucet(webs[i % 2]!.url).catch(() => ({ status: 0, acked: undefined }))));
      for (const b of burst) if (b.acked) traffic.acked.push(b.acked);
      const inFlight = await waitFor("a faucet grant signed but not yet confirmed", async () => (await db!.chainTransaction.count({ where: { purpose: "faucet.grant", status: { in: ["SIGNED", "SUBMITTED"] } } })) || null, 30_000, 10);
      // Both at once (each stop sends its signal before anything is awaited).
      await Promise.all(workers.map((w) => w.stop("SIGKILL")));
      say(`killed both workers with ${inFlight} grant(s) in flight; starting two new ones`);
      workers = [await stack.startWorker({ env: shared }), await stack.startWorker({ env: shared })];
      const ids = burst.flatMap((b) => (b.acked ? [b.acked.id] : []));
      await waitFor("every grant of the burst sent", async () => (await db!.faucetRequest.count({ where: { id: { in: ids }, status: { notIn: ["sent", "failed", "rejected"] } } })) === 0, 150_000, 500);
      scenarios.push({ name: "workers killed mid faucet dispatch", ...failuresBetween(traffic.samples, t0, Date.now()), recoverSeconds: Math.round((Date.now() - t0) / 100) / 10, detail: `${ids.length} grants asked, ${inFlight} in flight at the kill; all settled ${Math.round((Date.now() - t0) / 1000)} s after the burst (a killed worker's claim is released after its lease)` });
    }

    // 5. The approval that sends a treasury transfer is killed mid-send; the reconciler finishes it once.
    let transferDestination: string | undefined;
    {
      const { requestOperation } = await import("@/lib/operations/pipeline");
      const { voteOnRequest } = await import("@/lib/operations/approvals");
      const treasuryAddress = devXrplWallet("treasury").address;
      const source = await waitFor("the treasury account", () => db!.treasuryAccount.findFirst({ where: { chain: "xrpl", address: treasuryAddress, asset: "XRP", removedAt: null }, select: { id: true } }), 60_000, 500);
      const treasurer = await demoActor(db, "treasury@opsdeck.local");
      const approver = await demoActor(db, "approver@opsdeck.local");
      const { Wallet } = await import("xrpl");
      transferDestination = Wallet.generate().classicAddress;
      const addAsk = await requestOperation(db, { operationId: "treasury.destination.add", input: { chain: "xrpl", address: transferDestination, label: "Chaos exchange deposit" }, reason: "chaos run", actor: treasurer });
      const addId = (addAsk as { data?: { requestId?: string } }).data?.requestId;
      await voteOnRequest(db, { actor: approver, input: { requestId: addId, decision: "approve" } });
      const destination = await db.treasuryDestination.findFirstOrThrow({ where: { address: transferDestination, removedAt: null } });
      const ask = await requestOperation(db, { operationId: "treasury.transfer", input: { source: source.id, destination: destination.id, amount: "25", memo: "chaos" }, reason: "chaos run", actor: treasurer });
      const requestId = (ask as { data?: { requestId?: string } }).data?.requestId;
      if (!requestId) throw new Error(`the transfer was not requested: ${JSON.stringify(ask)}`);
      await voteOnRequest(db, { actor: approver, input: { requestId, decision: "approve" } });
      t0 = Date.now();
      const voter = start(process.execPath, [path.join(ROOT, "node_modules/.bin/tsx"), "--conditions=react-server", path.join(ROOT, "bench/chaos/last-vote.ts"), requestId, "approver2@opsdeck.local"], { cwd: ROOT, stdio: "ignore", env: { ...process.env } });
      await waitFor("the transfer signed", () => db!.chainTransaction.findFirst({ where: { purpose: "treasury.transfer", toAddress: transferDestination, status: { in: ["SIGNED", "SUBMITTED", "CONFIRMED"] } }, select: { status: true } }), 60_000, 5);
      const killedWhile = (await db.chainTransaction.findFirst({ where: { purpose: "treasury.transfer", toAddress: transferDestination }, select: { status: true } }))?.status;
      try {
        process.kill(-voter.pid!, "SIGKILL");
      } catch {
        // it finished first
      }
      say(`killed the approving process with the transfer ${killedWhile}`);
      const done = await waitFor("the reconciler to finish the transfer", () => db!.execution.findFirst({ where: { requestId, status: { in: ["SUCCEEDED", "FAILED"] } }, select: { status: true, error: true } }), 150_000, 500);
      scenarios.push({ name: "approving process killed mid transfer", requests: 1, failed: done.status === "SUCCEEDED" ? 0 : 1, recoverSeconds: Math.round((Date.now() - t0) / 100) / 10, detail: `killed with the transaction ${killedWhile}; the execution ended ${done.status}${done.error ? ` (${done.error})` : ""}` });
      invariants.push({ name: "the interrupted transfer finished", ok: done.status === "SUCCEEDED", detail: done.status });
    }

    await traffic.stop();
    say(`traffic stopped: ${traffic.samples.length} requests, ${traffic.acked.length} faucet requests acknowledged`);
    await waitFor("every acknowledged grant settled", async () => (await db!.faucetRequest.count({ where: { id: { in: traffic.acked.map((a) => a.id) }, status: { in: ["queued", "sending"] } } })) === 0, 150_000, 1_000).catch((err) => say(String(err)));

    invariants.push(await acknowledgedWritesKept(db, traffic.acked));
    invariants.push(...(await noDoubleSends(db, { xrplUrl: stack.chains.xrpl.url, faucetAddress: devXrplWallet("faucet").address, treasuryAddress: devXrplWallet("treasury").address, acked: traffic.acked, transferDestination })));
    invariants.push(await roundsOncePerInterval(db, since, { treasury: 10_000, "alert-rules": 30_000, reconciler: 30_000, "chain-sync": 3_000, "faucet-balances": 15_000 }));
    invariants.push(await probesOncePerInterval(db, since));
    invariants.push(await auditChainIntact(db));

    // 6. Malformed requests: nothing else writes while they run (workers stopped).
    await Promise.all(workers.map((w) => w.stop()));
    const admin = await signIn(webs[0]!.url, "admin@opsdeck.local");
    await sleep(1_000);
    const before = await tableCounts(db);
    const lastAudit = (await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;
    const targets = fuzzTargets(serverActionIds(ROOT, process.env.NEXT_DIST_DIR || ".next"));
    say(`fuzzing ${targets.length} HTTP targets × ${flags["fuzz-runs"]} requests`);
    fuzz = await fuzzHttp({ baseUrl: webs[0]!.url, cookie: admin, targets, runsPerTarget: Number(flags["fuzz-runs"]), seed: 1124 });
    const after = await tableCounts(db);
    const audit = await db.auditEvent.groupBy({ by: ["outcome"], where: { id: { gt: lastAudit }, action: { not: "audit.verified" } }, _count: true });
    // The audit log is checked below; JobRound is the reconciler's own round (every web instance runs it), not a request's.
    writesDuringFuzz = Object.keys(after).filter((t) => t !== "AuditEvent" && t !== "JobRound" && after[t] !== before[t]).map((t) => `${t} ${before[t]} → ${after[t]}`);
    // Refusals are audited; so is a verification of the audit chain (an action without input, which any call runs).
    const unexpectedAudit = audit.filter((a) => a.outcome !== "invalid" && a.outcome !== "denied");
    const verified = await db.auditEvent.count({ where: { id: { gt: lastAudit }, action: "audit.verified" } });
    const total = fuzz.reduce((n, r) => n + r.requests, 0);
    const serverErrors = fuzz.reduce((n, r) => n + r.serverErrors.length, 0);
    invariants.push({ name: "malformed requests: no 5xx", ok: serverErrors === 0 && total >= 1000, detail: `${total} requests, ${serverErrors} answered 5xx or dropped` });
    invariants.push({ name: "malformed requests: nothing written", ok: writesDuringFuzz.length === 0 && unexpectedAudit.length === 0, detail: writesDuringFuzz.length || unexpectedAudit.length ? `${writesDuringFuzz.join(", ")} ${unexpectedAudit.map((a) => `audit ${a.outcome} ×${a._count}`).join(", ")}` : `no table changed; audit events only ${[...audit.map((a) => `${a.outcome} ×${a._count}`), `audit.verified ×${verified}`].join(", ")}` });
  } finally {
    await db?.$disconnect();
    await stack.stop();
    await Promise.all(proxies.map((p) => p.close().catch(() => {})));
    await stopAll();
  }

  const results = { date: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), scenarios, invariants, fuzz: fuzz.map((f) => ({ ...f, serverErrors: f.serverErrors.slice(0, 5) })) };
  const dir = path.join(ROOT, "bench/results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `chaos-${results.date.slice(0, 10)}.json`);
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + "\n");

  console.log("\n| scenario | requests | failed | recovered after | detail |\n|---|---|---|---|---|");
  for (const s of scenarios) console.log(`| ${s.name} | ${s.requests} | ${s.failed}${s.failures ? ` (${s.failures})` : ""} | ${s.recoverSeconds} s | ${s.detail} |`);
  console.log("\n| invariant | holds | detail |\n|---|---|---|");
  for (const i of invariants) console.log(`| ${i.name} | ${i.ok ? "✓" : "✗"} | ${i.detail} |`);
  console.log("\n| HTTP target | requests | statuses | 5xx |\n|---|---|---|---|");
  for (const f of fuzz) console.log(`| ${f.target} | ${f.requests} | ${Object.entries(f.statuses).map(([k, v]) => `${k} ${v}`).join(", ")} | ${f.serverErrors.length}${f.serverErrors[0] ? ` (e.g. ${f.serverErrors[0].status} ${f.serverErrors[0].path})` : ""} |`);
  say(`results in ${path.relative(ROOT, file)} (${results.seconds} s)`);
  return invariants.every((i) => i.ok) ? 0 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch(async (err) => {
    console.error(`[chaos] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await stopAll();
    process.exit(1);
  });
