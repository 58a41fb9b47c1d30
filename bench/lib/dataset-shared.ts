import type pg from "pg";

// Small helpers the bench generators share.

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export type TBenchUser = { id: string | null; email: string; name: string; roles: string[] };

/** Every user, demo accounts first (so pools built from this list are stable between runs). */
export async function loadUsers(pool: pg.Pool): Promise<TBenchUser[]> {
  const { rows } = await pool.query<{ id: string; email: string; name: string; roles: string[] }>(
    `SELECT id::text, email, name, roles::text[] AS roles FROM "User" WHERE "disabledAt" IS NULL ORDER BY (email LIKE '%@opsdeck.local') DESC, email`,
  );
  return rows;
}

export function pickWeighted<T extends { weight: number }>(items: readonly T[], total: number, r: number): T {
  let x = r * total;
  for (const item of items) {
    x -= item.weight;
    if (x < 0) return item;
  }
  return items[items.length - 1]!;
}

/** Rows in a table, exactly (the bench's tables are small enough for count(*) once). */
export async function countRows(pool: pg.Pool, table: string, where = ""): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}" ${where}`);
  return Number(rows[0]!.n);
}

/** One connection for a whole step: setseed() and temporary tables hold per session. */
export async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

/** Runs a step and logs how long it took. */
export async function timed<T>(log: (line: string) => void, label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const out = await fn();
  log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return out;
}
