// A per-process read cache for what every page view would otherwise count again: the navigation's
// badges, the overview's tiles, the dispute queue's tab counts. Requests asking for the same key at
// the same time share one computation, and its result serves for a couple of seconds (under load a
// page costs one render instead of one render plus a dozen counting queries).
//
// Freshness: every server action this process runs clears it (lib/operations/actions.ts), so the
// person who acted sees the change at once. Changes made elsewhere (another instance, a background
// job, the public faucet) appear within the TTL. A failed read is never kept.

type TEntry = { at: number; value: Promise<unknown> };
const holder = globalThis as unknown as { opsdeckSharedReads?: Map<string, TEntry> };
const store = () => (holder.opsdeckSharedReads ??= new Map());

/** Dashboard numbers: two seconds old at most. */
export const DASHBOARD_TTL_MS = 2_000;

// Tests that call the data functions directly, one step after another, must see every write.
const isOff = () => process.env.NODE_ENV === "test" && process.env.OPSDECK_SHARED_READS !== "on";

export function sharedRead<T>(key: string, ttlMs: number, read: () => Promise<T>): Promise<T> {
  if (isOff()) return read();
  const entries = store();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
  if (entries.size > 2_000) for (const [k, e] of entries) if (now - e.at >= ttlMs) entries.delete(k);
  const value = read();
  entries.set(key, { at: now, value });
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}

/** Forget everything read so far (after a change made through this process). */
export function clearSharedReads() {
  store().clear();
}
