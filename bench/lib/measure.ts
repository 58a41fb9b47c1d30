import fs from "node:fs";
import autocannon from "autocannon";

// Load and latency measurement: autocannon drives the HTTP load (its own percentiles stop at
// p97.5, so every response time is kept and the percentiles computed here), and the same
// concurrency loop times the SQL behind a page on its own.

export type TLatency = { p50: number; p95: number; p99: number; samples: number };
export type TLoadResult = TLatency & { rps: number; requests: number; errors: number; non2xx: number; timeouts: number };

export function percentiles(samples: number[]): TLatency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : Number.NaN);
  const round = (v: number) => Math.round(v * 10) / 10;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), samples: sorted.length };
}

/** `connections` keep-alive connections request `url` for `seconds`; every response time is kept. */
export async function loadPage(opts: { url: string; cookie: string; connections: number; seconds: number }): Promise<TLoadResult> {
  const times: number[] = [];
  // Without a callback autocannon returns its instance: an event emitter that is also a promise of the result.
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 10,
    headers: { cookie: opts.cookie, "accept-encoding": "gzip" },
  }) as unknown as Promise<autocannon.Result> & NodeJS.EventEmitter;
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const result = await instance;
  return {
    ...percentiles(times),
    rps: Math.round((result.requests.total / opts.seconds) * 10) / 10,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
  };
}

/** `concurrency` loops call `fn` for `seconds`; the time of each call is kept. */
export async function timeConcurrent(fn: () => Promise<unknown>, opts: { concurrency: number; seconds: number }): Promise<TLatency & { perSecond: number }> {
  const times: number[] = [];
  const until = Date.now() + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (Date.now() < until) {
        const started = performance.now();
        await fn();
        times.push(performance.now() - started);
      }
    }),
  );
  return { ...percentiles(times), perSecond: Math.round((times.length / opts.seconds) * 10) / 10 };
}

/** Resident memory of a process in MB (Linux /proc), sampled by the caller while work runs. */
export function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 102.4) / 10;
  } catch {
    return 0;
  }
}
