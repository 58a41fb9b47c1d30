import { createPrismaClient } from "@/lib/db/prisma";
import { assertLocalDatabase } from "./local-database";

/** A Prisma client on this run's test database (one connection on the embedded database). */
export function testDb() {
  return createPrismaClient(assertLocalDatabase(process.env.TEST_DATABASE_URL), { max: Number(process.env.DATABASE_POOL_MAX ?? 4) });
}
