// Times the SQL behind each bench page on its own, without the app: 16 concurrent loops per page
// for a few seconds, p50/p95/p99. A quick check of the data set and the queries before a full
// `npm run bench`.
//
//   DATABASE_URL=… tsx --conditions=react-server bench/sql-smoke.ts [--seconds 10] [--only name,name]
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "10" }, only: { type: "string" }, concurrency: { type: "string", default: "16" } } });

async function main() {
  // Before any lib import: the process-wide client (lib/db/client.ts) reads DATABASE_URL once.
  process.env.DATABASE_URL ||= (await import("./dataset")).DEFAULT_BENCH_DATABASE_URL;
  const databaseUrl = process.env.DATABASE_URL;
  const { ensureBenchDataset } = await import("./dataset");
  const { BENCH_PAGES } = await import("./pages");
  const { db } = await import("@/lib/db/client");
  const data = await ensureBenchDataset(databaseUrl, { log: (l) => console.log(`[sql-smoke] ${l}`) });
  const only = values.only?.split(",");
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  for (const page of BENCH_PAGES.filter((p) => !only || only.includes(p.name))) {
    await page.sql(db, data); // warm-up (and a failure here is reported before any timing)
    const times: number[] = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const started = performance.now();
          await page.sql(db, data);
          times.push(performance.now() - started);
        }
      }),
    );
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(1);
    console.log(`${page.name.padEnd(22)} n=${String(times.length).padStart(6)}  p50 ${at(0.5).padStart(7)}  p95 ${at(0.95).padStart(7)}  p99 ${at(0.99).padStart(7)} ms   ${page.path(data).slice(0, 90)}`);
  }
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
