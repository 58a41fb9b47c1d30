import "server-only";
import fs from "node:fs/promises";
import type { TPrisma } from "@/lib/db/prisma";
import type { TCurrentUser } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { jobHealth } from "@/lib/jobs/heartbeat";
import { metrics } from "@/lib/metrics/registry";
import { restoreState, type TRestoreState } from "@/lib/secrets/schedule";
import { NotAllowedError } from "@/lib/users/queries";
import {
  DAYS_OF_ORDERS,
  SCALING_PLAYBOOK,
  WINDOW_MS,
  backupRpoState,
  bytesLabel,
  dailyAverage,
  headroomState,
  histogramQuantile,
  monthsUntilTrigger,
  percentOf,
  rtoClock,
  runwayState,
  scaleGrowth,
  storageGrowthBytesPerDay,
  type TBackupRpoState,
  type TGrowthRow,
  type THeadroom,
  type THistogramSample,
  type TResourceId,
  type TRtoClock,
} from "@/lib/capacity/headroom";

// What /capacity and the war room read: each resource against the guide's scaling trigger, and the
// recovery objectives against the backups. Measurements come from this process (HTTP latency, job
// heartbeats, the disk it runs on), PostgreSQL itself, and the probes' last details (Redis memory).
// Everything leaves as small DTOs of numbers and labels: no endpoint, no path, no credential.

export type TResource = {
  id: TResourceId;
  label: string;
  /** The measurement as people read it ("38 ms", "12 connections"), or why there is none. */
  usage: string;
  /** What it is held against ("of 100 max_connections"); null when there is no limit to show. */
  limit: string | null;
  /** Usage on the bar's scale (0–100) and where the trigger sits on it; null: no bar. */
  barPct: number | null;
  triggerPct: number | null;
  state: THeadroom;
  trigger: string;
  /** The playbook's action, shown once the resource is near or over its trigger. */
  action: string;
  notes: string[];
};

export type TCapacity = {
  resources: TResource[];
  dailyOrders: number;
  ordersInWindow: number;
  windowDays: number;
  growth: TGrowthRow[];
};

export function assertCanReadCapacity(user: Pick<TCurrentUser, "roles">) {
  if (!canOpen("/capacity", user.roles)) throw new NotAllowedError("You cannot read the capacity page");
}

const LATENCY_TRIGGER_MS = 500;
const DB_POOL_TRIGGER_PCT = 80;
const REDIS_TRIGGER_PCT = 70;
const DISK_TRIGGER_PCT = 80;

const firstLine = (err: unknown) => (err instanceof Error ? err.message.split("\n")[0]! : "failed");

/** p95 of every request this instance served since it started, from the prom-client histogram. */
async function apiLatency(): Promise<TResource> {
  const base = { id: "api-latency" as const, label: "API latency (p95)", trigger: SCALING_PLAYBOOK["api-latency"].trigger, action: SCALING_PLAYBOOK["api-latency"].action };
  const metric = metrics().registry.getSingleMetric("opsdeck_http_request_duration_seconds");
  const samples = metric ? ((await metric.get()).values as THistogramSample[]) : [];
  const p95 = histogramQuantile({ samples, q: 0.95 });
  const count = samples.filter((s) => s.metricName?.endsWith("_bucket") && s.labels.le === "+Inf").reduce((n, s) => n + s.value, 0);
  if (p95 === null) {
    return { ...base, usage: "no traffic yet", limit: "trigger 500 ms", barPct: null, triggerPct: null, state: "unknown", notes: ["Counted from this instance's own requests since it started."] };
  }
  const ms = Math.round(p95 * 1000);
  // The bar runs to twice the trigger, so the trigger sits in the middle and a breach stays visible.
  return {
    ...base,
    usage: `${ms} ms`,
    limit: "trigger 500 ms",
    barPct: Math.min(100, (ms / (2 * LATENCY_TRIGGER_MS)) * 100),
    triggerPct: 50,
    state: headroomState({ value: ms, trigger: LATENCY_TRIGGER_MS }),
    notes: [`${count.toLocaleString("en-US")} requests served by this instance since it started (interpolated from the histogram buckets).`],
  };
}

async function dbConnections(db: TPrisma): Promise<TResource> {
  const base = { id: "db-connections" as const, label: "Database connections", trigger: SCALING_PLAYBOOK["db-connections"].trigger, action: SCALING_PLAYBOOK["db-connections"].action };
  const poolNote = `OpsDeck's own pool: up to ${env().DATABASE_POOL_MAX} connections per instance (DATABASE_POOL_MAX).`;
  try {
    const [[active], [setting]] = await Promise.all([
      db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`,
      db.$queryRaw<{ max: number }[]>`SELECT setting::int AS max FROM pg_settings WHERE name = 'max_connections'`,
    ]);
    const used = active?.n ?? 0;
    const max = setting?.max ?? null;
    const pct = percentOf({ used, limit: max });
    return {
      ...base,
      usage: `${used} connection${used === 1 ? "" : "s"}`,
      limit: max ? `of ${max} max_connections (${pct} %)` : null,
      barPct: pct,
      triggerPct: DB_POOL_TRIGGER_PCT,
      state: headroomState({ value: pct, trigger: DB_POOL_TRIGGER_PCT }),
      notes: [poolNote],
    };
  } catch (err) {
    return { ...base, usage: "not readable", limit: null, barPct: null, triggerPct: null, state: "unknown", notes: [firstLine(err), poolNote] };
  }
}

/** OpsDeck's background jobs from their heartbeats: a stalled one is over, a failing round near. */
function backgroundJobs(now: number): TResource {
  const { jobs, stalled, failing } = jobHealth(now);
  const base = { id: "jobs" as const, label: "Background jobs", trigger: SCALING_PLAYBOOK.jobs.trigger, action: SCALING_PLAYBOOK.jobs.action, barPct: null, triggerPct: null };
  if (jobs.length === 0) return { ...base, usage: "none running", limit: null, state: "unknown", notes: ["No background job runs in this instance."] };
  const healthy = jobs.filter((j) => !stalled.includes(j) && !failing.includes(j)).length;
  const notes = [...(stalled.length ? [`Stalled: ${stalled.join(", ")}`] : []), ...(failing.length ? [`Last round failed: ${failing.join(", ")}`] : [])];
  return {
    ...base,
    usage: `${healthy} of ${jobs.length} healthy`,
    limit: `${stalled.length} stalled · ${failing.length} failing`,
    state: stalled.length ? "over" : failing.length ? "near" : "ok",
    notes: notes.length ? notes : [`Registered: ${jobs.join(", ")}`],
  };
}

/** The Redis probe records used_memory and maxmemory (lib/probes/redis.ts); read its last result. */
async function redisMemory(db: TPrisma): Promise<TResource> {
  const base = { id: "redis-memory" as const, label: "Redis memory", trigger: SCALING_PLAYBOOK["redis-memory"].trigger, action: SCALING_PLAYBOOK["redis-memory"].action };
  const services = await db.service.findMany({ where: { kind: "redis" }, select: { id: true, name: true, lastDetail: true, lastCheckedAt: true }, orderBy: { id: "asc" } });
  const probed = services.find((s) => s.lastDetail && typeof s.lastDetail === "object" && "usedMemoryBytes" in s.lastDetail);
  if (!probed) return { ...base, usage: "not reported", limit: null, barPct: null, triggerPct: null, state: "unknown", notes: [services.length ? "The Redis probe has not recorded memory yet." : "No Redis service in the catalog."] };
  const detail = probed.lastDetail as Record<string, unknown>;
  const used = typeof detail.usedMemoryBytes === "number" ? detail.usedMemoryBytes : null;
  const max = typeof detail.maxMemoryBytes === "number" && detail.maxMemoryBytes > 0 ? detail.maxMemoryBytes : null;
  const checked = probed.lastCheckedAt ? `${probed.name}, probed ${probed.lastCheckedAt.toISOString().slice(0, 16).replace("T", " ")} UTC.` : probed.name;
  if (used === null) return { ...base, usage: "not reported", limit: null, barPct: null, triggerPct: null, state: "unknown", notes: [checked] };
  if (max === null) {
    // maxmemory 0: Redis grows until the host runs out and the 70 % trigger can never fire.
    return { ...base, usage: bytesLabel(used), limit: "no maxmemory set", barPct: null, triggerPct: null, state: "unknown", notes: ["Without maxmemory there is no limit to hold usage against: set one so eviction starts before the host runs out.", checked] };
  }
  const pct = percentOf({ used, limit: max });
  return { ...base, usage: bytesLabel(used), limit: `of ${bytesLabel(max)} maxmemory (${pct} %)`, barPct: pct, triggerPct: REDIS_TRIGGER_PCT, state: headroomState({ value: pct, trigger: REDIS_TRIGGER_PCT }), notes: [checked] };
}

type TDisk = { totalBytes: number; usedBytes: number; where: string };

/**
 * The database's volume when PostgreSQL runs on this host and its data directory is readable
 * (SHOW data_directory needs pg_read_all_settings); otherwise the volume OpsDeck runs on.
 */
async function readDisk(db: TPrisma): Promise<TDisk | null> {
  const candidates: { path: string; where: string }[] = [];
  try {
    const host = new URL(env().DATABASE_URL).hostname;
    if (["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
      const [row] = await db.$queryRaw<{ data_directory: string }[]>`SHOW data_directory`;
      if (row?.data_directory) candidates.push({ path: row.data_directory, where: "the database's volume" });
    }
  } catch {
    // Not allowed to read it, or not a local server: the OpsDeck volume below still answers.
  }
  candidates.push({ path: process.cwd(), where: "the volume OpsDeck runs on" });
  for (const c of candidates) {
    try {
      const s = await fs.statfs(c.path);
      // As df counts it: blocks reserved for root are neither used nor available to us.
      const usedBytes = (s.blocks - s.bfree) * s.bsize;
      return { totalBytes: usedBytes + s.bavail * s.bsize, usedBytes, where: c.where };
    } catch {
      // The database's directory is on another machine after all: try the next.
    }
  }
  return null;
}

function diskResource(disk: TDisk | null): TResource {
  const base = { id: "disk" as const, label: "Disk", trigger: SCALING_PLAYBOOK.disk.trigger, action: SCALING_PLAYBOOK.disk.action };
  if (!disk) return { ...base, usage: "not readable", limit: null, barPct: null, triggerPct: null, state: "unknown", notes: [] };
  const pct = percentOf({ used: disk.usedBytes, limit: disk.totalBytes });
  return { ...base, usage: `${bytesLabel(disk.usedBytes)} used`, limit: `of ${bytesLabel(disk.totalBytes)} (${pct} %)`, barPct: pct, triggerPct: DISK_TRIGGER_PCT, state: headroomState({ value: pct, trigger: DISK_TRIGGER_PCT }), notes: [`Measured on ${disk.where}.`] };
}

async function databaseSize(db: TPrisma): Promise<number | null> {
  try {
    const [row] = await db.$queryRaw<{ bytes: bigint }[]>`SELECT pg_database_size(current_database()) AS bytes`;
    return row ? Number(row.bytes) : null;
  } catch {
    return null;
  }
}

/**
 * PostgreSQL storage: its size now, and the runway until the disk is 80 % full at the guide's
 * ~50 MB a day per 1,000 daily orders. OpsDeck keeps no history of the database's size, so growth
 * is estimated from the orders the platform really took over the last 30 days.
 */
function storageResource({ sizeBytes, disk, dailyOrders }: { sizeBytes: number | null; disk: TDisk | null; dailyOrders: number }): TResource {
  const base = { id: "db-storage" as const, label: "PostgreSQL storage", trigger: SCALING_PLAYBOOK["db-storage"].trigger, action: SCALING_PLAYBOOK["db-storage"].action, barPct: null, triggerPct: null };
  if (sizeBytes === null) return { ...base, usage: "not readable", limit: null, state: "unknown", notes: [] };
  const growth = storageGrowthBytesPerDay(dailyOrders);
  const months = disk ? monthsUntilTrigger({ usedBytes: disk.usedBytes, totalBytes: disk.totalBytes, growthBytesPerDay: growth, triggerPct: DISK_TRIGGER_PCT }) : null;
  const runway = months === null ? (growth > 0 ? "disk not readable" : "no orders: no growth to project") : months <= 0 ? "disk already past 80 %" : months >= 120 ? "over 10 years to 80 % of the disk" : `${months < 1 ? "under 1" : Math.floor(months)} month${months >= 1 && months < 2 ? "" : "s"} to 80 % of the disk`;
  return {
    ...base,
    usage: bytesLabel(sizeBytes),
    limit: runway,
    state: runwayState(months),
    notes: [`Growth ≈ ${bytesLabel(growth)}/day at ${dailyOrders} orders/day (~50 MB per 1,000 daily orders).`],
  };
}

/** Every resource against its trigger, and the growth table at the platform's own order rate. */
export async function readCapacity(db: TPrisma, user: Pick<TCurrentUser, "roles">, now = new Date()): Promise<TCapacity> {
  assertCanReadCapacity(user);
  const [latency, connections, redis, disk, sizeBytes, ordersInWindow] = await Promise.all([
    apiLatency(),
    dbConnections(db),
    redisMemory(db),
    readDisk(db),
    databaseSize(db),
    db.escrowOrder.count({ where: { createdAt: { gte: new Date(now.getTime() - WINDOW_MS), lte: now } } }),
  ]);
  const dailyOrders = dailyAverage({ count: ordersInWindow });
  return {
    resources: [latency, connections, backgroundJobs(now.getTime()), redis, diskResource(disk), storageResource({ sizeBytes, disk, dailyOrders })],
    dailyOrders,
    ordersInWindow,
    windowDays: DAYS_OF_ORDERS,
    growth: scaleGrowth(dailyOrders),
  };
}

// ── Recovery objectives ─────────────────────────────────────────────────────────────────────────

export type TObjectiveRow = { id: string; name: string; status: string; isCritical: boolean; rtoMinutes: number | null; rpoMinutes: number | null };

export type TBackupVsRpo = {
  id: string;
  name: string;
  schedule: string;
  lastSuccessAt: Date | null;
  ageMs: number | null;
  state: TBackupRpoState;
  lastRestoreTestAt: Date | null;
  lastRestoreOutcome: string | null;
  restoreState: TRestoreState;
};

export type TDataStore = {
  serviceId: string;
  name: string;
  rpoMinutes: number | null;
  /** The freshest backup of all its targets: what a restore would lose at best. */
  state: TBackupRpoState;
  freshestBackupAt: Date | null;
  targets: TBackupVsRpo[];
};

export type TRecovery = { services: TObjectiveRow[]; dataStores: TDataStore[] };

export async function readRecoveryObjectives(db: Pick<TPrisma, "service" | "backupTarget">, user: Pick<TCurrentUser, "roles">, now = new Date()): Promise<TRecovery> {
  assertCanReadCapacity(user);
  const [services, targets] = await Promise.all([
    db.service.findMany({ select: { id: true, name: true, status: true, isCritical: true, rtoMinutes: true, rpoMinutes: true }, orderBy: { name: "asc" } }),
    db.backupTarget.findMany({
      where: { serviceId: { not: null } },
      select: { id: true, name: true, schedule: true, serviceId: true, restoreEveryDays: true, lastSuccessAt: true, lastRestoreTestAt: true, lastRestoreOutcome: true },
      orderBy: { id: "asc" },
    }),
  ]);
  const dataStores: TDataStore[] = [];
  for (const service of services) {
    const mine = targets.filter((t) => t.serviceId === service.id);
    if (!mine.length) continue;
    const rows = mine.map((t) => ({
      id: t.id,
      name: t.name,
      schedule: t.schedule,
      lastSuccessAt: t.lastSuccessAt,
      ageMs: t.lastSuccessAt ? now.getTime() - t.lastSuccessAt.getTime() : null,
      state: backupRpoState({ lastSuccessAt: t.lastSuccessAt, rpoMinutes: service.rpoMinutes, now }),
      lastRestoreTestAt: t.lastRestoreTestAt,
      lastRestoreOutcome: t.lastRestoreOutcome,
      restoreState: restoreState({ lastRestoreTestAt: t.lastRestoreTestAt, lastRestoreOutcome: t.lastRestoreOutcome, restoreEveryDays: t.restoreEveryDays, now }).state,
    }));
    const times = mine.map((t) => t.lastSuccessAt?.getTime()).filter((x): x is number => x !== undefined);
    const freshestBackupAt = times.length ? new Date(Math.max(...times)) : null;
    dataStores.push({ serviceId: service.id, name: service.name, rpoMinutes: service.rpoMinutes, state: backupRpoState({ lastSuccessAt: freshestBackupAt, rpoMinutes: service.rpoMinutes, now }), freshestBackupAt, targets: rows });
  }
  return { services, dataStores };
}

/**
 * The war room's RTO clocks: for each affected service with an RTO, time since the incident was
 * detected against it (stopped at resolution). Services without an RTO are left out. No
 * permission check: the caller already opened the war room, and these are catalog facts.
 */
export async function readRtoClocks(db: Pick<TPrisma, "service">, { serviceIds, startedAt, endedAt, now = new Date() }: { serviceIds: string[]; startedAt: Date; endedAt: Date | null; now?: Date }): Promise<TRtoClock[]> {
  if (!serviceIds.length) return [];
  const rows = await db.service.findMany({ where: { id: { in: serviceIds }, rtoMinutes: { not: null } }, select: { id: true, name: true, rtoMinutes: true } });
  return serviceIds
    .map((id) => rows.find((r) => r.id === id))
    .filter((r): r is { id: string; name: string; rtoMinutes: number } => !!r && r.rtoMinutes !== null)
    .map((r) => ({ serviceId: r.id, name: r.name, rtoMinutes: r.rtoMinutes, ...rtoClock({ startedAt, endedAt, rtoMinutes: r.rtoMinutes, now }) }));
}
