// Each background job reports when it last finished a round (ok or not) and how often it should.
// /api/health's "jobs" check reads this: a job that stopped ticking is a job that died.
type TBeat = {
  everyMs: number;
  /** Last sign of life: a round, or a tick that found the round already run by another instance. */
  lastAt: number;
  /** When this process last ran a round itself (null: not yet). */
  lastRanAt: number | null;
  lastOk: boolean;
  /** How long the last round took (null: not measured yet). */
  lastDurationMs: number | null;
  rounds: number;
};

const holder = globalThis as unknown as { opsdeckJobBeats?: Map<string, TBeat> };
const beats = () => (holder.opsdeckJobBeats ??= new Map());

export function registerJob(job: string, everyMs: number) {
  beats().set(job, { everyMs, lastAt: Date.now(), lastRanAt: null, lastOk: true, lastDurationMs: null, rounds: 0 });
}

/** A finished round; `startedAt` (Date.now() when the round began) gives its duration. */
export function beat(job: string, ok: boolean, startedAt?: number) {
  const current = beats().get(job);
  const now = Date.now();
  if (current) beats().set(job, { ...current, lastAt: now, lastRanAt: now, lastOk: ok, lastDurationMs: startedAt === undefined ? current.lastDurationMs : now - startedAt, rounds: current.rounds + 1 });
}

/** A tick that found this interval's round already run by another instance: alive, but nothing ran here. */
export function skipped(job: string) {
  const current = beats().get(job);
  if (current) beats().set(job, { ...current, lastAt: Date.now() });
}

export type TJobState = { job: string } & TBeat;

/** Every job this process runs, for the scheduled-tasks page. */
export function jobStates(): TJobState[] {
  return [...beats().entries()].map(([job, b]) => ({ job, ...b })).sort((a, b) => a.job.localeCompare(b.job));
}

/** Jobs that have not finished a round in 3 intervals (plus a minute of backoff slack), and jobs whose last round failed. */
export function jobHealth(now = Date.now()) {
  const all = [...beats().entries()];
  const stalled = all.filter(([, b]) => now - b.lastAt > 3 * b.everyMs + 60_000).map(([job]) => job);
  const failing = all.filter(([, b]) => !b.lastOk).map(([job]) => job);
  return { jobs: all.map(([job]) => job), stalled, failing };
}
