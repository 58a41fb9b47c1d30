// Database commands that work without Prisma's native engine (see lib/db/migrate.ts):
//   npm run db:migrate                       apply pending migrations (= prisma migrate deploy)
//   npm run db:status                        pending / failed migrations; exit 1 unless up to date
//   npm run db:new-migration -- --name x     write prisma/migrations/<stamp>_x from schema changes
//   npm run db:seed -- [--scale large]       demo data (refused with NODE_ENV=production)
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations, createMigration, pendingMigrations } from "@/lib/db/migrate";
import { createPrismaClient } from "@/lib/db/prisma";
import { seedDemo } from "@/lib/seed/demo";

const root = path.resolve(__dirname, "..");
const migrationsDir = path.join(root, "prisma/migrations");

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" }, scale: { type: "string", default: "small" }, "shadow-url": { type: "string" } },
});

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set (npm run demo starts an embedded database and prints its URL in .opsdeck/demo.json)");
    process.exit(2);
  }
  return url;
}

async function main() {
  switch (positionals[0]) {
    case "deploy": {
      const applied = await applyMigrations({ databaseUrl: databaseUrl(), migrationsDir });
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
      return;
    }
    case "status": {
      const status = await pendingMigrations({ databaseUrl: databaseUrl(), migrationsDir });
      console.log(JSON.stringify(status, null, 2));
      process.exitCode = status.pending.length || status.failed.length ? 1 : 0;
      return;
    }
    case "create": {
      if (!values.name) throw new Error("--name is required");
      const name = await createMigration({
        schemaPath: path.join(root, "prisma/schema.prisma"),
        migrationsDir,
        name: values.name,
        databaseUrl: databaseUrl(),
        shadowDatabaseUrl: values["shadow-url"],
      });
      console.log(name ? `Created prisma/migrations/${name}/migration.sql — read it before committing.` : "Schema unchanged: no migration created.");
      return;
    }
    case "seed": {
      const prisma = createPrismaClient(databaseUrl(), { max: 1 });
      const result = await seedDemo(prisma, { scale: values.scale === "large" ? "large" : "small", nodeEnv: process.env.NODE_ENV });
      await prisma.$disconnect();
      console.log(`Seeded ${result.demoUsers} demo accounts and ${result.generatedUsers} colleagues.`);
      return;
    }
    default:
      console.error("usage: tsx scripts/db.ts deploy | status | create --name NAME | seed [--scale small|large]");
      process.exitCode = 2;
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
