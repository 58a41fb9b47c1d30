// Each background job reports when it last finished a round (ok or not) and how often it should.
// /api/health's "jobs" check reads this: a job that stopped ticking is a job that died.
type TBeat = { everyMs: number; lastAt: number; lastOk: boolean };

const holder = globalThis as unknown as { opsdeckJobBeats?: Map<string, TBeat> };
const beats = () => (holder.opsdeckJobBeats ??= new Map());

export function registerJob(job: string, everyMs: number) {
  beats().set(job, { everyMs, lastAt: Date.now(), lastOk: true });
}

export function beat(job: string, ok: boolean) {
  const current = beats().get(job);
  if (current) beats().set(job, { ...current, lastAt: Date.now(), lastOk: ok });
}

/** Jobs that have not finished a round in 3 intervals (plus a minute of backoff slack), and jobs whose last round failed. */
export function jobHealth(now = Date.now()) {
  const all = [...beats().entries()];
  const stalled = all.filter(([, b]) => now - b.lastAt > 3 * b.everyMs + 60_000).map(([job]) => job);
  const failing = all.filter(([, b]) => !b.lastOk).map(([job]) => job);
  return { jobs: all.map(([job]) => job), stalled, failing };
}
