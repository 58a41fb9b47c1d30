import "server-only";
import type { Metric, Registry } from "prom-client";
import { HTTP_DURATION_BUCKETS, httpStats, type THttpSeries } from "@/lib/metrics/http-stats.mjs";

// Turns the request counts server.mjs keeps on globalThis (lib/metrics/http-stats.mjs) into
// opsdeck_http_requests_total and the opsdeck_http_request_duration_seconds histogram.
//
// prom-client's Histogram can only be fed one observation at a time, and these numbers are
// already aggregated, so each metric is a small collector that reports them as they are at
// scrape time. A registry asks every metric only for get() → { name, help, type, values,
// aggregator } (the contract of Metric.get()); that is all a collector implements.

type TSample = { metricName?: string; labels: Record<string, string | number>; value: number };

class StoreCollector {
  readonly aggregator = "sum";

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: "counter" | "histogram",
    private readonly samples: (series: THttpSeries[]) => TSample[],
  ) {}

  async get() {
    const values = this.samples([...httpStats().series.values()]);
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** The counts belong to server.mjs and only grow; a registry reset does not clear them. */
  reset() {}
}

const labelsOf = (s: THttpSeries) => ({ method: s.method, route: s.route, status: s.status });

function histogramSamples(name: string) {
  return (series: THttpSeries[]) =>
    series.flatMap((s) => {
      const labels = labelsOf(s);
      let cumulative = 0;
      const buckets = HTTP_DURATION_BUCKETS.map((le, i) => {
        cumulative += s.buckets[i] ?? 0;
        return { metricName: `${name}_bucket`, labels: { ...labels, le }, value: cumulative };
      });
      return [
        ...buckets,
        { metricName: `${name}_bucket`, labels: { ...labels, le: "+Inf" }, value: s.count },
        { metricName: `${name}_sum`, labels, value: s.sum },
        { metricName: `${name}_count`, labels, value: s.count },
      ];
    });
}

/** Registers the two HTTP metrics on `registry` (once per registry). */
export function registerHttpMetrics(registry: Registry) {
  const requests = new StoreCollector("opsdeck_http_requests_total", "HTTP requests served, by method, route and status", "counter", (series) =>
    series.map((s) => ({ labels: labelsOf(s), value: s.count })),
  );
  const durationName = "opsdeck_http_request_duration_seconds";
  const duration = new StoreCollector(durationName, "Time from a request reaching the server to its response being sent, by method, route and status", "histogram", histogramSamples(durationName));
  // Not a prom-client class, but it honours everything the registry calls (see above).
  for (const collector of [requests, duration]) registry.registerMetric(collector as unknown as Metric);
}
