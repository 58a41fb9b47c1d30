import { createPrismaClient } from "@/lib/db/prisma";
import { assertLocalDatabase } from "./local-database";

/** A Prisma client on this run's test database. */
export function testDb() {
  return createPrismaClient(assertLocalDatabase(process.env.TEST_DATABASE_URL), { max: 4 });
}
