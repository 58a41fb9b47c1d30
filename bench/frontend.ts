// Front-end numbers for issue #11: first-load JavaScript per route (gzip) from the production
// build's manifests, and Lighthouse mobile scores (performance, accessibility) of a page.
// Alone: `npx tsx --conditions=react-server bench/frontend.ts [--runs 3] [--no-lighthouse]
// [--no-browser] [--no-build]` builds when the sources changed (not with --no-build; NEXT_DIST_DIR
// picks the build directory), serves the build on the local chains without background jobs and
// prints the tables. Database: BENCH_FE_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/bench_fe.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { parseArgs } from "node:util";

export type TRouteJs = { route: string; gzipBytes: number; files: number };

// Level 9 (the smallest gzip zlib makes). Next's own server compresses at the default level 6,
// which is within ~1 % of this on minified JavaScript.
const GZIP_LEVEL = 9;

function gzipSize(file: string, cache: Map<string, number>): number {
  const known = cache.get(file);
  if (known !== undefined) return known;
  const size = zlib.gzipSync(fs.readFileSync(file), { level: GZIP_LEVEL }).length;
  cache.set(file, size);
  return size;
}

/** `/(portal)/incidents/[id]/page` → `/incidents/[id]`: route groups are not part of the URL. */
function routeOf(appPath: string): string {
  const segments = appPath.split("/").filter((s) => s && !(s.startsWith("(") && s.endsWith(")")) && !s.startsWith("@"));
  segments.pop(); // "page"
  return `/${segments.join("/")}`;
}

// Boundaries rendered only when a page calls notFound()/forbidden()/unauthorized(): their chunks are
// fetched then, not on a normal first load (a browser confirms it: see browserFirstLoadJs). Error
// and global-error boundaries are part of the tree React hydrates, so they stay in.
const NOT_FIRST_LOAD = /\/(not-found|forbidden|unauthorized)$/;

/** The `entryJSFiles` of a page's client reference manifest: JS chunks per segment (layouts, page, error boundaries). */
function entryJsFiles(distDir: string, appPath: string): string[] {
  const file = path.join(distDir, "server/app", `${appPath}_client-reference-manifest.js`);
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST[appPath]; run it in a sandbox.
  const sandbox: { globalThis?: unknown; self?: unknown; __RSC_MANIFEST: Record<string, { entryJSFiles?: Record<string, string[]> }> } = { __RSC_MANIFEST: {} };
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  new Function("globalThis", "self", fs.readFileSync(file, "utf8"))(sandbox, sandbox);
  const entry = sandbox.__RSC_MANIFEST[appPath];
  if (!entry?.entryJSFiles) throw new Error(`${file} has no entryJSFiles for ${appPath}`);
  return Object.entries(entry.entryJSFiles)
    .filter(([segment]) => !NOT_FIRST_LOAD.test(segment))
    .flatMap(([, files]) => files);
}

/**
 * First-load JS per app page, the way `next build` itself counts it (next/dist/build/route-bundle-stats.js):
 * the root main files every page loads (build-manifest.json `rootMainFiles`: React, the Next
 * runtime, Turbopack's chunk loader) plus the union of the page's `entryJSFiles` in
 * `server/app/<page>_client-reference-manifest.js` — the chunks of the root and group layouts, their
 * error boundaries and the page — de-duplicated, each gzipped at level 9. Two differences from
 * Next's own count (diagnostics/route-bundle-stats.json, uncompressed): the not-found/forbidden
 * boundaries are left out (NOT_FIRST_LOAD, ~7.5 KB gzip here), and so are `polyfillFiles`,
 * `nomodule` scripts a current browser never downloads.
 */
export async function firstLoadJs(root: string, distDir: string): Promise<TRouteJs[]> {
  const dist = path.resolve(root, distDir);
  const cache = new Map<string, number>();
  const rows = [...firstLoadChunks(dist)].map(([route, files]) => ({ route, gzipBytes: files.reduce((n, f) => n + gzipSize(path.join(dist, f), cache), 0), files: files.length }));
  return rows.sort((a, b) => b.gzipBytes - a.gzipBytes || a.route.localeCompare(b.route));
}

/** Route → the JS files (relative to the dist dir) of its first load, as counted by firstLoadJs. */
export function firstLoadChunks(dist: string): Map<string, string[]> {
  const buildManifest = JSON.parse(fs.readFileSync(path.join(dist, "build-manifest.json"), "utf8")) as { rootMainFiles?: string[] };
  const appPaths = JSON.parse(fs.readFileSync(path.join(dist, "server/app-paths-manifest.json"), "utf8")) as Record<string, string>;
  const shared = (buildManifest.rootMainFiles ?? []).filter((f) => f.endsWith(".js"));
  const routes = new Map<string, string[]>();
  for (const appPath of Object.keys(appPaths).sort()) {
    // Pages only (route handlers ship no JS); Next's internal /_not-found and /_global-error are not routes.
    if (!appPath.endsWith("/page") || appPath.startsWith("/_")) continue;
    routes.set(routeOf(appPath), [...new Set([...shared, ...entryJsFiles(dist, appPath).filter((f) => f.endsWith(".js"))])]);
  }
  return routes;
}

export type TLighthouse = { performance: number; accessibility: number; metrics: Record<string, number>; failedAudits: string[] };

export const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

const METRICS = {
  fcpMs: "first-contentful-paint",
  lcpMs: "largest-contentful-paint",
  tbtMs: "total-blocking-time",
  cls: "cumulative-layout-shift",
  speedIndexMs: "speed-index",
  ttiMs: "interactive",
} as const;

/**
 * One Lighthouse run with the default (mobile: Moto G Power viewport, simulated slow 4G and 4× CPU
 * slowdown) configuration, performance and accessibility only, signed in through a Cookie header.
 * Scores are 0–100; failedAudits are the scored audits of those categories below 0.9, worst first.
 */
export async function lighthouseScores(opts: { url: string; cookie: string; chromePath?: string }): Promise<TLighthouse> {
  // Lighthouse asks for a rerun when Chromium's trace comes back unusable (NO_NAVSTART, NO_FCP…);
  // on a busy machine that happens about one run in ten.
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(opts);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof LighthouseRuntimeError)) throw error;
    }
  }
}

class LighthouseRuntimeError extends Error {}

async function lighthouseOnce(opts: { url: string; cookie: string; chromePath?: string }): Promise<TLighthouse> {
  const chromePath = opts.chromePath ?? process.env.CHROME_PATH ?? "/usr/bin/chromium";
  process.env.CHROME_PATH = chromePath;
  const [{ default: lighthouse }, chromeLauncher] = await Promise.all([import("lighthouse"), import("chrome-launcher")]);
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: "error" });
  try {
    const result = await lighthouse(opts.url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
      extraHeaders: { Cookie: opts.cookie },
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${opts.url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new LighthouseRuntimeError(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    // A sign-in page measured instead of the page asked for would be a meaningless score.
    if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(opts.url).pathname) throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}, not ${opts.url} (signed out?)`);
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const metrics = Object.fromEntries(Object.entries(METRICS).map(([name, id]) => [name, Math.round((lhr.audits[id]?.numericValue ?? Number.NaN) * 1000) / 1000]));
    const failed: { label: string; score: number }[] = [];
    for (const category of ["performance", "accessibility"]) {
      for (const ref of lhr.categories[category]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (!audit || audit.score === null || audit.score >= 0.9) continue;
        if (!["binary", "numeric", "metricSavings"].includes(audit.scoreDisplayMode)) continue;
        failed.push({ label: `${category}:${ref.id}${audit.displayValue ? ` (${audit.displayValue})` : ""}`, score: audit.score });
      }
    }
    return { performance: score("performance"), accessibility: score("accessibility"), metrics, failedAudits: failed.sort((a, b) => a.score - b.score).map((f) => f.label) };
  } finally {
    chrome.kill();
  }
}

/**
 * What a real browser downloads on first load: Chromium (Playwright) opens the page signed in and
 * every script response that arrived before the `load` event is gzipped like the build's files.
 * Scripts fetched afterwards (link prefetches, lazy chunks) are counted apart.
 */
export async function browserFirstLoadJs(opts: { url: string; cookie: string; chromePath?: string }) {
  const { chromium } = await import("playwright");
  const browser = await chromium.launch({ executablePath: opts.chromePath ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const context = await browser.newContext({ extraHTTPHeaders: { cookie: opts.cookie }, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const seen: { url: string; body: Promise<Buffer>; wire: Promise<number>; afterLoad: boolean }[] = [];
    let loaded = false;
    page.on("response", (res) => {
      if (res.request().resourceType() !== "script") return;
      seen.push({ url: res.url(), body: res.body(), wire: res.request().sizes().then((s) => s.responseBodySize), afterLoad: loaded });
    });
    const response = await page.goto(opts.url, { waitUntil: "load" });
    loaded = true;
    if (new URL(page.url()).pathname !== new URL(opts.url).pathname || response?.status() !== 200) throw new Error(`the browser ended on ${page.url()} (HTTP ${response?.status()})`);
    await page.waitForTimeout(3_000);
    const files = await Promise.all(seen.map(async (s) => ({ url: new URL(s.url).pathname, gzipBytes: zlib.gzipSync(await s.body, { level: GZIP_LEVEL }).length, wireBytes: await s.wire, afterLoad: s.afterLoad })));
    const first = files.filter((f) => !f.afterLoad);
    const later = files.filter((f) => f.afterLoad);
    const sum = (list: typeof files, key: "gzipBytes" | "wireBytes") => list.reduce((n, f) => n + f[key], 0);
    return { files: first.length, gzipBytes: sum(first, "gzipBytes"), wireBytes: sum(first, "wireBytes"), urls: first.map((f) => f.url), laterFiles: later.length, laterGzipBytes: sum(later, "gzipBytes") };
  } finally {
    await browser.close();
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const { values: flags } = parseArgs({ options: { runs: { type: "string", default: "3" }, "no-lighthouse": { type: "boolean", default: false }, "no-browser": { type: "boolean", default: false }, "no-build": { type: "boolean", default: false } } });
  const { ROOT, ensureLocalDatabase, prepareDatabase, signIn, startStack } = await import("./lib/stack");
  const { stopAll } = await import("@/scripts/lib/processes");
  const databaseUrl = process.env.BENCH_FE_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/bench_fe";
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  await ensureLocalDatabase(databaseUrl);
  await prepareDatabase(databaseUrl);
  const stack = await startStack({ databaseUrl, build: !flags["no-build"], log: (line) => console.log(`[frontend] ${line}`) });
  try {
    const routes = await firstLoadJs(ROOT, distDir);
    console.log(`\nFirst-load JS per route (${distDir}, gzip -${GZIP_LEVEL}; target ≤ 200 KB)\n`);
    console.log("| route | KB gzip | files |\n|---|---:|---:|");
    for (const r of routes) console.log(`| ${r.route} | ${kb(r.gzipBytes)}${r.gzipBytes > 200 * 1024 ? " ✗" : ""} | ${r.files} |`);

    const web = await stack.startWeb({ jobs: false });
    const { Client } = await import("pg");
    const pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    // The busiest open incident: the war room at its fullest (runs, timeline, clocks).
    const incident = await pg
      .query<{ id: string }>(`SELECT i.id FROM "Incident" i ORDER BY (i."resolvedAt" IS NULL) DESC, (SELECT count(*) FROM "IncidentEvent" e WHERE e."incidentId" = i.id) DESC, i."detectedAt" DESC LIMIT 1`)
      .catch(() => pg.query<{ id: string }>(`SELECT id FROM "Incident" ORDER BY "detectedAt" DESC LIMIT 1`))
      .finally(() => pg.end());
    const targets = [
      { page: "war room", route: "/incidents/[id]", path: `/incidents/${incident.rows[0]?.id}`, email: "operator@opsdeck.local" },
      { page: "approvals inbox", route: "/approvals", path: "/approvals", email: "approver@opsdeck.local" },
    ];
    try {
      if (!flags["no-browser"]) {
        console.log("\nCross-check: what Chromium downloads before `load` (390×844)\n");
        console.log("| page | manifests KB (files) | browser KB gzip -9 (files) | on the wire KB | after load | manifests − / browser + |\n|---|---:|---:|---:|---:|---|");
        const chunks = firstLoadChunks(path.resolve(ROOT, distDir));
        for (const t of targets) {
          const fromBuild = routes.find((r) => r.route === t.route)!;
          const seen = await browserFirstLoadJs({ url: `${web.url}${t.path}`, cookie: await signIn(web.url, t.email) });
          const notLoaded = chunks.get(t.route)!.filter((f) => !seen.urls.some((u) => u.endsWith(f)));
          const notListed = seen.urls.filter((u) => !chunks.get(t.route)!.some((f) => u.endsWith(f)));
          const diff = [...notLoaded.map((f) => `−${path.basename(f)}`), ...notListed.map((u) => `+${path.basename(u)}`)].join(" ") || "same files";
          console.log(`| ${t.page} | ${kb(fromBuild.gzipBytes)} (${fromBuild.files}) | ${kb(seen.gzipBytes)} (${seen.files}) | ${kb(seen.wireBytes)} | ${seen.laterFiles} files, ${kb(seen.laterGzipBytes)} KB | ${diff} |`);
        }
      }
      if (!flags["no-lighthouse"]) {
        const runs = Number(flags.runs);
        const version = (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/lighthouse/package.json"), "utf8")) as { version: string }).version;
        console.log(`\nLighthouse ${version}, mobile, median of ${runs} (targets: performance ≥ 90, accessibility ≥ 95)\n`);
        console.log("| page | performance | accessibility | FCP ms | LCP ms | TBT ms | CLS | failing audits |\n|---|---:|---:|---:|---:|---:|---:|---|");
        for (const t of targets) {
          const results: TLighthouse[] = [];
          for (let i = 0; i < runs; i++) results.push(await lighthouseScores({ url: `${web.url}${t.path}`, cookie: await signIn(web.url, t.email), chromePath: "/usr/bin/chromium" }));
          const mid = results.find((r) => r.performance === median(results.map((x) => x.performance)))!;
          const m = mid.metrics;
          console.log(
            `| ${t.page} | ${mid.performance} (${results.map((r) => r.performance).join(", ")}) | ${mid.accessibility} | ${Math.round(m.fcpMs!)} | ${Math.round(m.lcpMs!)} | ${Math.round(m.tbtMs!)} | ${m.cls} | ${[...new Set(results.flatMap((r) => r.failedAudits.map((a) => a.replace(/ \(.*$/, ""))))].join(", ") || "—"} |`,
          );
        }
      }
    } finally {
      await web.stop();
    }
  } finally {
    await stack.stop();
    await stopAll();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
