import fs from "node:fs";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// The embedded PostgreSQL used when DATABASE_URL is unset: PGlite (PostgreSQL compiled to
// WebAssembly) served on a local TCP port, so Prisma, the migrator and every other client use
// an ordinary postgres:// URL. One transaction runs at a time across all connections.
//
// PGlite is one PostgreSQL session. pglite-socket queues whole messages, not whole extended-
// protocol exchanges, so two connections querying at once can interleave Parse and Bind: seen
// as "bind message supplies 6 parameters, but prepared statement requires 3" and as rows of one
// query reaching another. Whoever uses it must therefore hold ONE connection at a time:
// EMBEDDED_POOL_MAX is what the demo and the tests give the app (DATABASE_POOL_MAX).
export const EMBEDDED_POOL_MAX = 1;

export type TEmbeddedDatabase = { url: string; stop: () => Promise<void> };

export async function freePort(preferred: number, host = "127.0.0.1"): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(port, host, () => {
        const address = srv.address();
        srv.close(() => resolve(typeof address === "object" && address ? address.port : port));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

export async function startEmbeddedDatabase({ dataDir, port = 54329 }: { dataDir: string; port?: number }): Promise<TEmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const chosen = await freePort(port);
  // More than one connection: Next, the migrator and jobs each hold a pool.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: chosen, maxConnections: 32 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${chosen}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
