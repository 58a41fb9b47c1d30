import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase } from "@/lib/db/embedded";

// Each test run makes its own databases and removes them afterwards: on the PostgreSQL server
// at DATABASE_URL when set (CI: the local one), otherwise on embedded PGlite instances.

export type TTestDatabase = { url: string; drop: () => Promise<void> };

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) throw new Error(`Refusing to create test databases on a non-local server (${host})`);
}

export async function createTestDatabase({ serverUrl, label, scratchDir }: { serverUrl?: string; label: string; scratchDir: string }): Promise<TTestDatabase> {
  const name = `opsdeck_${label}_${crypto.randomBytes(4).toString("hex")}`;
  if (!serverUrl) {
    const dir = path.join(scratchDir, name);
    const embedded = await startEmbeddedDatabase({ dataDir: dir, port: 0 });
    return {
      url: embedded.url,
      async drop() {
        await embedded.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  assertLocal(serverUrl);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
