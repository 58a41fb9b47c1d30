// Starts an embedded PostgreSQL (PGlite) on a free port, applies the migrations, optionally seeds
// the demo data, prints {"url": …} as one JSON line and runs until SIGTERM/SIGINT. Used by tests
// that need a database of their own; handy for poking at a throwaway database by hand too.
//   tsx scripts/embedded-db.ts --data-dir /tmp/x [--seed]
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { createPrismaClient } from "@/lib/db/prisma";
import { seedDemo } from "@/lib/seed/demo";

const { values } = parseArgs({ options: { "data-dir": { type: "string" }, seed: { type: "boolean", default: false } } });

async function main() {
  if (!values["data-dir"]) throw new Error("--data-dir is required");
  const db = await startEmbeddedDatabase({ dataDir: values["data-dir"], port: 0 });
  await applyMigrations({ databaseUrl: db.url, migrationsDir: path.resolve(__dirname, "../prisma/migrations") });
  if (values.seed) {
    const prisma = createPrismaClient(db.url, { max: 1 });
    await seedDemo(prisma, { nodeEnv: "test" });
    await prisma.$disconnect();
  }
  console.log(JSON.stringify({ url: db.url }));
  const stop = async () => {
    await db.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
