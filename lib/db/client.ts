import "server-only";
import { env } from "@/lib/env";
import { createPrismaClient, type TPrisma } from "@/lib/db/prisma";

// One client per process, created on first use (not at import, so `next build` needs no
// database) and kept on globalThis so dev-mode reloads do not open new pools.
const globalForPrisma = globalThis as unknown as { opsdeckPrisma?: TPrisma };

function client(): TPrisma {
  globalForPrisma.opsdeckPrisma ??= createPrismaClient(env().DATABASE_URL, { max: env().DATABASE_POOL_MAX });
  return globalForPrisma.opsdeckPrisma;
}

export const db: TPrisma = new Proxy({} as TPrisma, {
  has: (_target, key) => Reflect.has(client(), key),
  get(_target, key) {
    const c = client();
    const value = Reflect.get(c, key);
    return typeof value === "function" ? value.bind(c) : value;
  },
});
