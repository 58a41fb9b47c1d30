// `npm run bench`: OpsDeck at production scale, measured. Generates (or reuses) the benchmark data
// set, serves a production build with its background jobs, and measures each page under 16
// connections, the SQL behind it alone, a 1 M-row audit export, first-load JavaScript per route and
// Lighthouse mobile scores. Writes bench/results/<date>.json and the README's table.
// Flags: --seconds N (load per page, default 15), --only name,name (pages), --no-lighthouse,
// --force-data (regenerate the data set).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { ensureBenchDataset } from "./dataset";
import { BENCH_PAGES } from "./pages";
import { firstLoadJs, lighthouseScores } from "./frontend";
import { ROOT, ensureLocalDatabase, signIn, startStack, type TStack } from "./lib/stack";
import { loadPage, rssMb, timeConcurrent } from "./lib/measure";
import { renderReadmeTable, renderTable, TARGETS, type TBenchResults } from "./lib/report";
import { stopAll } from "@/scripts/lib/processes";
import { applyMigrations } from "@/lib/db/migrate";

const { values: flags } = parseArgs({
  options: {
    seconds: { type: "string", default: "15" },
    only: { type: "string" },
    "no-lighthouse": { type: "boolean", default: false },
    "force-data": { type: "boolean", default: false },
  },
});
const CONNECTIONS = 16;
const only = flags.only?.split(",");
const processes = Number(process.env.WEB_CONCURRENCY ?? Math.min(2, os.cpus().length));
const seconds = Number(flags.seconds);

function say(line: string) {
  console.log(`[bench] ${line}`);
}

function machine() {
  const cpus = os.cpus();
  let postgres = "unknown";
  try {
    postgres = execFileSync("psql", ["--version"], { encoding: "utf8" }).trim();
  } catch {
    // no client on PATH
  }
  return { cpus: cpus.length, cpuModel: cpus[0]?.model ?? "unknown", memoryGiB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`, node: process.version, postgres };
}

async function measureExport(stack: TStack, rowsExpected: number) {
  // A fresh single-process instance without jobs, so its peak memory is the export's and not the load test's.
  const web = await stack.startWeb({ jobs: false, env: { WEB_CONCURRENCY: "1" } });
  try {
    const cookie = await signIn(web.url, "auditor@opsdeck.local");
    const pid = web.process.pid!;
    const before = rssMb(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
    const started = performance.now();
    const res = await fetch(`${web.url}/api/audit/export?format=csv`, { headers: { cookie } });
    if (res.status !== 200 || !res.body) throw new Error(`audit export answered HTTP ${res.status}`);
    let lines = 0;
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    const secondsTaken = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(pid));
    const rows = lines - 1;
    say(`export: ${rows} rows (${(bytes / 2 ** 20).toFixed(0)} MB) in ${secondsTaken.toFixed(1)} s, peak RSS ${peak} MB (${before} MB before)`);
    if (rows < rowsExpected) say(`warning: the export had ${rows} rows, the audit log ${rowsExpected}`);
    return { rows, megabytes: Math.round(bytes / 2 ** 20), seconds: Math.round(secondsTaken * 10) / 10, rowsPerSecond: Math.round(rows / secondsTaken), peakRssMb: peak, rssBeforeMb: before };
  } finally {
    await web.stop();
  }
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/opsdeck_bench";
  // The page SQL below imports lib modules that use the process-wide client: point it at the bench data.
  process.env.DATABASE_URL = databaseUrl;
  if (new URL(databaseUrl).hostname === "127.0.0.1" || new URL(databaseUrl).hostname === "localhost") await ensureLocalDatabase(databaseUrl);
  const started = Date.now();
  const dataset = await ensureBenchDataset(databaseUrl, { log: say, force: flags["force-data"] });
  // A reused data set gets the migrations (indexes) committed since it was generated.
  const applied = await applyMigrations({ databaseUrl, migrationsDir: path.join(ROOT, "prisma/migrations") });
  if (applied.length) say(`applied migrations: ${applied.join(", ")}`);
  say(`data set ready: ${Object.entries(dataset.counts).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ")}`);

  const stack = await startStack({ databaseUrl, log: say });
  const results: TBenchResults = {
    date: new Date().toISOString(),
    machine: machine(),
    connections: CONNECTIONS,
    serverProcesses: processes,
    secondsPerPage: seconds,
    dataset: dataset.counts,
    targets: TARGETS,
    pages: [],
    export: null,
    firstLoadJs: [],
    lighthouse: [],
  };
  try {
    // Two server processes on a 2-core machine, as the README recommends (WEB_CONCURRENCY).
    const web = await stack.startWeb({ jobs: true, env: { WEB_CONCURRENCY: String(processes) } });
    say(`OpsDeck (production build, ${processes} server process(es), background jobs on) at ${web.url}`);
    const { db } = await import("@/lib/db/client");
    const cookies = new Map<string, string>();
    for (const page of BENCH_PAGES.filter((p) => !only || only.includes(p.name))) {
      const cookie = cookies.get(page.email) ?? (await signIn(web.url, page.email));
      cookies.set(page.email, cookie);
      const url = `${web.url}${page.path(dataset)}`;
      const first = await fetch(url, { headers: { cookie }, redirect: "manual" });
      if (first.status !== 200) throw new Error(`${page.name}: ${page.path(dataset)} answered HTTP ${first.status} for ${page.email}`);
      await loadPage({ url, cookie, connections: CONNECTIONS, seconds: 3 }); // warm-up
      const load = await loadPage({ url, cookie, connections: CONNECTIONS, seconds });
      await page.sql(db, dataset); // warm-up
      const sql = await timeConcurrent(() => page.sql(db, dataset), { concurrency: CONNECTIONS, seconds: Math.min(seconds, 10) });
      const ratio = Math.round((load.p95 / Math.max(sql.p95, 0.1)) * 10) / 10;
      results.pages.push({ name: page.name, path: page.path(dataset), role: page.role, ...load, sql: { p50: sql.p50, p95: sql.p95, p99: sql.p99 }, ratio });
      say(`${page.name}: p50 ${load.p50} p95 ${load.p95} p99 ${load.p99} ms, ${load.rps} req/s, errors ${load.errors + load.non2xx + load.timeouts}; SQL p95 ${sql.p95} ms (×${ratio})`);
    }
    await web.stop();

    results.export = await measureExport(stack, dataset.counts.auditEvents ?? 0);

    results.firstLoadJs = (await firstLoadJs(ROOT, process.env.NEXT_DIST_DIR || ".next")).map((r) => ({ route: r.route, kb: Math.round(r.gzipBytes / 102.4) / 10 }));
    const largest = [...results.firstLoadJs].sort((a, b) => b.kb - a.kb)[0];
    say(`first-load JS: ${results.firstLoadJs.length} routes, largest ${largest?.route} ${largest?.kb} KB gzip`);

    if (!flags["no-lighthouse"]) {
      const lhWeb = await stack.startWeb({ jobs: false });
      try {
        const incident = await db.incident.findFirst({ orderBy: { detectedAt: "desc" }, select: { id: true } });
        const targets = [
          { page: "war room", path: `/incidents/${incident?.id}`, email: "operator@opsdeck.local" },
          { page: "approvals inbox", path: "/approvals", email: "approver@opsdeck.local" },
        ];
        for (const t of targets) {
          const scores = await lighthouseScores({ url: `${lhWeb.url}${t.path}`, cookie: await signIn(lhWeb.url, t.email), chromePath: "/usr/bin/chromium" });
          results.lighthouse.push({ page: t.page, path: t.path, performance: scores.performance, accessibility: scores.accessibility, failedAudits: scores.failedAudits });
          say(`lighthouse ${t.page}: performance ${scores.performance}, accessibility ${scores.accessibility}`);
        }
      } finally {
        await lhWeb.stop();
      }
    }
  } finally {
    await stack.stop();
    await stopAll();
  }

  const dir = path.join(ROOT, "bench/results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${results.date.slice(0, 10)}.json`);
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  const readme = path.join(ROOT, "README.md");
  const text = fs.readFileSync(readme, "utf8");
  const marked = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
  if (marked.test(text) && !only) fs.writeFileSync(readme, text.replace(marked, `<!-- bench:start -->\n${renderReadmeTable(results)}\n<!-- bench:end -->`));
  console.log("\n" + renderTable(results));
  say(`results in ${path.relative(ROOT, file)} (${Math.round((Date.now() - started) / 1000)} s in all)`);
}

main()
  .then(() => process.exit(0))
  .catch(async (err) => {
    console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await stopAll();
    process.exit(1);
  });
