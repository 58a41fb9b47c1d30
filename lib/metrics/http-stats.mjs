// HTTP request counts and latencies, recorded by server.mjs for every response and turned into
// Prometheus metrics by lib/metrics/http-collector.ts at scrape time.
//
// Why a plain object on globalThis rather than prom-client here: server.mjs is plain Node ESM
// outside Next's bundle, while the /api/metrics route runs inside it with its own bundled copy of
// every module. Both run in the same process and see the same globalThis, so that is where the
// numbers live; this file owns their shape (and the bucket bounds) so neither side guesses it.
import { methodLabel, routeLabel } from "./route-label.mjs";

/** Upper bounds (seconds) of the latency histogram; +Inf is the total count. */
export const HTTP_DURATION_BUCKETS = Object.freeze([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

/** Distinct route labels kept; later new routes are counted under "other" so a bug cannot grow the series without bound. */
export const MAX_ROUTES = 300;

/** The process's store: one entry per method × route × status, with non-cumulative bucket counts. */
export function httpStats() {
  globalThis.opsdeckHttpStats ??= { series: new Map(), routes: new Set() };
  return globalThis.opsdeckHttpStats;
}

/** Counts one finished response. */
export function recordHttpRequest({ method, url, status, seconds, location }) {
  const stats = httpStats();
  let route = routeLabel(url, status, location);
  if (!stats.routes.has(route)) {
    if (stats.routes.size >= MAX_ROUTES) route = "other";
    else stats.routes.add(route);
  }
  const labels = { method: methodLabel(method), route, status: String(status) };
  const key = `${labels.method} ${labels.route} ${labels.status}`;
  let entry = stats.series.get(key);
  if (!entry) {
    entry = { ...labels, count: 0, sum: 0, buckets: HTTP_DURATION_BUCKETS.map(() => 0) };
    stats.series.set(key, entry);
  }
  entry.count += 1;
  entry.sum += seconds;
  const bucket = HTTP_DURATION_BUCKETS.findIndex((bound) => seconds <= bound);
  if (bucket >= 0) entry.buckets[bucket] += 1;
}
