// Capacity headroom and recovery objectives (escrow guide §10 "Capacity Planning"; the deployment
// guide's RTO/RPO table). Pure: the capacity page, the war room's RTO clocks and the unit tests
// share these; lib/capacity/readings.ts feeds them measurements.

export type THeadroom = "ok" | "near" | "over" | "unknown";

/** "near" starts at this share of a trigger: time to plan the scaling step before it is needed. */
export const NEAR_SHARE = 0.8;

/**
 * Where a measurement stands against its scaling trigger (same unit: percent, ms). The guide's
 * triggers read "> 80 %", "> 500 ms": reaching the trigger exactly is still near, above it over.
 */
export function headroomState({ value, trigger }: { value: number | null; trigger: number }): THeadroom {
  if (value === null || !Number.isFinite(value)) return "unknown";
  if (value > trigger) return "over";
  return value >= trigger * NEAR_SHARE ? "near" : "ok";
}

/** used / limit as a percentage with one decimal; null without a positive limit. */
export function percentOf({ used, limit }: { used: number; limit: number | null }): number | null {
  if (limit === null || !(limit > 0) || !Number.isFinite(used)) return null;
  return Math.round((used / limit) * 1000) / 10;
}

/** One sample of a prom-client histogram's get().values (only the _bucket samples are used). */
export type THistogramSample = { metricName?: string; labels: Record<string, string | number>; value: number };

/**
 * A quantile of a Prometheus histogram, as histogram_quantile() computes it: the series are summed
 * per bucket bound, the rank found in the cumulative counts and interpolated linearly inside its
 * bucket (the first bucket from 0). A rank in the +Inf bucket answers the largest finite bound, as
 * Prometheus does — "at least this". Null when nothing was observed.
 */
export function histogramQuantile({ samples, q }: { samples: THistogramSample[]; q: number }): number | null {
  const byBound = new Map<number, number>();
  for (const s of samples) {
    if (s.metricName !== undefined && !s.metricName.endsWith("_bucket")) continue;
    const le = s.labels.le;
    if (le === undefined) continue;
    const bound = le === "+Inf" ? Infinity : Number(le);
    if (Number.isNaN(bound)) continue;
    byBound.set(bound, (byBound.get(bound) ?? 0) + s.value);
  }
  const buckets = [...byBound.entries()].sort((a, b) => a[0] - b[0]);
  const total = buckets.at(-1)?.[0] === Infinity ? buckets.at(-1)![1] : Math.max(0, ...buckets.map(([, c]) => c));
  if (!(total > 0)) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [bound, count] of buckets) {
    if (count >= rank) {
      if (bound === Infinity) return lowerBound;
      if (count === lowerCount) return bound;
      return lowerBound + (bound - lowerBound) * ((rank - lowerCount) / (count - lowerCount));
    }
    lowerBound = bound;
    lowerCount = count;
  }
  return lowerBound;
}

const DAY_MS = 86_400_000;
const MB = 1024 * 1024;

/** The guide's "Growth Estimates" per 1,000 daily orders. */
export const GROWTH_PER_1000_ORDERS = [
  { id: "db-storage", metric: "Database storage", amount: 50, unit: "MB/day", note: "Orders, messages and reviews" },
  { id: "redis-memory", metric: "Redis memory", amount: 20, unit: "MB", note: "Mostly cache, bounded by TTLs" },
  { id: "chain-events", metric: "Blockchain events", amount: 3_000, unit: "events/day", note: "Order created and status changes" },
  { id: "ipfs-storage", metric: "IPFS storage", amount: 100, unit: "MB/day", note: "Only if disputes are common (~10 %)" },
  { id: "api-requests", metric: "API requests", amount: 50_000, unit: "requests/day", note: "~50 requests per order lifecycle" },
] as const;

export type TGrowthRow = (typeof GROWTH_PER_1000_ORDERS)[number] & { scaled: number };

/** The growth table scaled to the platform's daily orders. */
export function scaleGrowth(dailyOrders: number): TGrowthRow[] {
  return GROWTH_PER_1000_ORDERS.map((row) => ({ ...row, scaled: (row.amount * Math.max(0, dailyOrders)) / 1000 }));
}

/** The database's daily growth the guide expects at this many daily orders (~50 MB per 1,000). */
export function storageGrowthBytesPerDay(dailyOrders: number): number {
  return (Math.max(0, dailyOrders) * 50 * MB) / 1000;
}

/**
 * Months until a volume reaches `triggerPct` full at a steady growth: 0 when it already has, null
 * when nothing grows (no orders: no date to give).
 */
export function monthsUntilTrigger({ usedBytes, totalBytes, growthBytesPerDay, triggerPct }: { usedBytes: number; totalBytes: number; growthBytesPerDay: number; triggerPct: number }): number | null {
  if (!(totalBytes > 0)) return null;
  const room = (totalBytes * triggerPct) / 100 - usedBytes;
  if (room <= 0) return 0;
  if (!(growthBytesPerDay > 0)) return null;
  return room / growthBytesPerDay / 30;
}

/** Storage runway: over once past the trigger, near within six months (a budget and a migration take that long). */
export const RUNWAY_NEAR_MONTHS = 6;

export function runwayState(months: number | null): THeadroom {
  if (months === null) return "ok";
  if (months <= 0) return "over";
  return months < RUNWAY_NEAR_MONTHS ? "near" : "ok";
}

export type TResourceId = "api-latency" | "db-connections" | "jobs" | "redis-memory" | "disk" | "db-storage";

/** The guide's scaling playbook, per resource: what to do once it is over its trigger. */
export const SCALING_PLAYBOOK: Record<TResourceId, { trigger: string; action: string }> = {
  "api-latency": { trigger: "p95 latency > 500 ms sustained", action: "Add API workers or API instances behind the load balancer." },
  "db-connections": { trigger: "> 80 % of the connection pool in use", action: "Raise the pool (and max_connections) or put a connection pooler in front; add a read replica if reads dominate." },
  jobs: { trigger: "A worker stalled, or queue depth > 100 sustained", action: "Restart the stalled worker, then scale the event workers horizontally; one worker per chain if sync lags > 1,000 blocks." },
  "redis-memory": { trigger: "> 70 % of maxmemory", action: "Increase maxmemory or move to a Redis cluster." },
  disk: { trigger: "> 80 % used", action: "Purge old data, expand the volume or enable compression." },
  "db-storage": { trigger: "Growth × months until the disk is 80 % full", action: "Vertical scale (more disk, CPU, RAM) or partition orders by chain before the runway ends." },
};

// ── Recovery objectives ─────────────────────────────────────────────────────────────────────────

export type TRecoveryState = "ok" | "near" | "over";

export type TRtoClock = {
  serviceId: string;
  name: string;
  rtoMinutes: number;
  elapsedSeconds: number;
  /** false once the incident is resolved: the clock shows how long recovery took. */
  isRunning: boolean;
  state: TRecoveryState;
};

/**
 * Time since the incident started against a service's RTO. The clock stops at resolution (the
 * service is back); near from 80 % of the RTO, when escalating or failing over is still in time.
 */
export function rtoClock({ startedAt, endedAt, rtoMinutes, now }: { startedAt: Date; endedAt: Date | null; rtoMinutes: number; now: Date }): Pick<TRtoClock, "elapsedSeconds" | "isRunning" | "state"> {
  const end = endedAt ?? now;
  const elapsedSeconds = Math.max(0, Math.round((end.getTime() - startedAt.getTime()) / 1000));
  const targetSeconds = rtoMinutes * 60;
  const state: TRecoveryState = elapsedSeconds > targetSeconds ? "over" : elapsedSeconds >= targetSeconds * NEAR_SHARE ? "near" : "ok";
  return { elapsedSeconds, isRunning: endedAt === null, state };
}

export type TBackupRpoState = TRecoveryState | "never" | "no-rpo";

/**
 * The last good backup against the RPO: restoring it now would lose everything written since.
 * A backup older than the RPO is over — only replication or WAL archiving meets an RPO shorter
 * than the backup interval, and the page says so.
 */
export function backupRpoState({ lastSuccessAt, rpoMinutes, now }: { lastSuccessAt: Date | null; rpoMinutes: number | null; now: Date }): TBackupRpoState {
  if (rpoMinutes === null) return "no-rpo";
  if (!lastSuccessAt) return "never";
  const age = now.getTime() - lastSuccessAt.getTime();
  const rpo = rpoMinutes * 60_000;
  return age > rpo ? "over" : age >= rpo * NEAR_SHARE ? "near" : "ok";
}

/** "5 min", "1 h", "1 h 30 min", "2 d" for objectives given in minutes. */
export function minutesLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h < 48) return m ? `${h} h ${m} min` : `${h} h`;
  return `${Math.round((minutes / 1440) * 10) / 10} d`;
}

/** Bytes for people: "512 MB", "1.4 GB". */
/** Bytes for people: one way to say sizes across OpsDeck. */
export { bytesText as bytesLabel } from "@/lib/format/bytes";

export const DAYS_OF_ORDERS = 30;

/** Orders per day over the window (the growth estimate's input). */
export function dailyAverage({ count, days = DAYS_OF_ORDERS }: { count: number; days?: number }): number {
  return days > 0 ? Math.round((count / days) * 10) / 10 : 0;
}

export const WINDOW_MS = DAYS_OF_ORDERS * DAY_MS;

/** Rebuilding the whole platform from nothing (the deployment guide's "full platform" RTO). */
export const FULL_PLATFORM_RTO_MINUTES = 60;

/** The guide's RPO per kind of data, for the services that hold it. */
export const RPO_BY_DATA = [
  { data: "Transaction data", rpoMinutes: 5, how: "Synchronous database writes (replication)" },
  { data: "File assets", rpoMinutes: 15, how: "Cross-region replication" },
  { data: "User data", rpoMinutes: 60, how: "Continuous database replication" },
  { data: "Cache data", rpoMinutes: 60, how: "Acceptable loss: rebuilt from the database" },
] as const;
