// The benchmark's results: their shape, the targets, and the tables printed and kept in the README.

export const TARGETS = { pageP95Ms: 150, pageSqlRatio: 3, exportRowsPerSecond: 50_000, exportPeakRssMb: 256, firstLoadJsKb: 200, lighthousePerformance: 90, lighthouseAccessibility: 95 } as const;

export type TPageResult = {
  name: string;
  path: string;
  role: string;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  sql: { p50: number; p95: number; p99: number };
  ratio: number;
};

export type TBenchResults = {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; os: string; node: string; postgres: string };
  connections: number;
  serverProcesses: number;
  secondsPerPage: number;
  dataset: Record<string, number>;
  targets: typeof TARGETS;
  pages: TPageResult[];
  export: { rows: number; megabytes: number; seconds: number; rowsPerSecond: number; peakRssMb: number; rssBeforeMb: number } | null;
  firstLoadJs: { route: string; kb: number }[];
  lighthouse: { page: string; path: string; performance: number; accessibility: number; failedAudits: string[] }[];
};

const mark = (ok: boolean) => (ok ? "✓" : "✗ over target");

function table(header: string[], rows: (string | number)[][]): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

/** Markdown tables of one run (printed at the end of `npm run bench` and kept in the README). */
export function renderTable(r: TBenchResults): string {
  const t = r.targets;
  const pages = table(
    ["page", "p50 ms", "p95 ms", "p99 ms", "req/s", "errors", "SQL p95 ms", "page/SQL", "target"],
    r.pages.map((p) => [p.name, p.p50, p.p95, p.p99, p.rps, p.errors + p.non2xx + p.timeouts, p.sql.p95, p.ratio, mark(p.p95 <= t.pageP95Ms && p.ratio <= t.pageSqlRatio && p.errors + p.non2xx + p.timeouts === 0)]),
  );
  const e = r.export;
  const exportLine = e
    ? `Audit export: ${e.rows.toLocaleString("en")} rows (${e.megabytes} MB CSV) in ${e.seconds} s = ${e.rowsPerSecond.toLocaleString("en")} rows/s, peak RSS ${e.peakRssMb} MB (${e.rssBeforeMb} MB before it began) ${mark(e.rowsPerSecond >= t.exportRowsPerSecond && e.peakRssMb <= t.exportPeakRssMb)}`
    : "Audit export: not measured";
  const js = [...r.firstLoadJs].sort((a, b) => b.kb - a.kb);
  const jsLine = js.length
    ? `First-load JS (gzip): largest ${js[0]!.route} ${js[0]!.kb} KB, smallest ${js.at(-1)!.route} ${js.at(-1)!.kb} KB over ${js.length} routes ${mark(js[0]!.kb <= t.firstLoadJsKb)}`
    : "First-load JS: not measured";
  const lh = r.lighthouse.length
    ? table(
        ["Lighthouse (mobile)", "performance", "accessibility", "target"],
        r.lighthouse.map((l) => [l.page, l.performance, l.accessibility, mark(l.performance >= t.lighthousePerformance && l.accessibility >= t.lighthouseAccessibility)]),
      )
    : "Lighthouse: not measured";
  return [pages, "", exportLine, jsLine, "", lh].join("\n");
}

export function renderReadmeTable(r: TBenchResults): string {
  const m = r.machine;
  const data = Object.entries(r.dataset)
    .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
    .join(", ");
  return [
    `Latest run: ${r.date.slice(0, 10)} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ${m.postgres}; OpsDeck with ${r.serverProcesses} server process(es) (WEB_CONCURRENCY), PostgreSQL and the load generator on the same machine; ${r.connections} connections, ${r.secondsPerPage} s per page; data: ${data}.`,
    "",
    renderTable(r),
  ].join("\n");
}
