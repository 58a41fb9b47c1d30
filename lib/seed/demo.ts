import type { TPrisma } from "@/lib/db/prisma";
import { hashPassword } from "@/lib/auth/password";
import type { TRole } from "@/lib/auth/roles";
import { personName, rng } from "@/lib/seed/names";

// Demo data for `npm run demo`, the tests and the benchmarks. Idempotent: running it again
// leaves one copy of everything.

export const DEMO_PASSWORD = "opsdeck-demo";

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; roles: TRole[] }> = [
  { email: "viewer@opsdeck.local", name: "Vera Viewer", roles: ["viewer"] },
  { email: "support@opsdeck.local", name: "Sam Support", roles: ["support"] },
  { email: "operator@opsdeck.local", name: "Olu Operator", roles: ["operator"] },
  { email: "treasury@opsdeck.local", name: "Tess Treasury", roles: ["treasury"] },
  { email: "approver@opsdeck.local", name: "Amir Approver", roles: ["approver"] },
  { email: "approver2@opsdeck.local", name: "Anna Approver", roles: ["approver"] },
  { email: "auditor@opsdeck.local", name: "Aude Auditor", roles: ["auditor"] },
  { email: "admin@opsdeck.local", name: "Ari Admin", roles: ["admin"] },
  { email: "admin2@opsdeck.local", name: "Alex Admin", roles: ["admin"] },
];

export type TScale = "small" | "large";

const GENERATED_USERS: Record<TScale, number> = { small: 24, large: 2000 };
const ROLE_MIX: TRole[][] = [["viewer"], ["support"], ["support", "viewer"], ["operator"], ["operator", "viewer"], ["treasury"], ["approver"], ["auditor"]];

export class SeedRefusedError extends Error {}

export async function seedDemo(db: TPrisma, { scale = "small", nodeEnv }: { scale?: TScale; nodeEnv: string | undefined }) {
  // Well-known passwords must never exist on a production system.
  if (nodeEnv === "production") throw new SeedRefusedError("Refusing to create demo users with NODE_ENV=production");

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    await db.user.upsert({
      where: { email: u.email },
      create: { ...u, passwordHash },
      update: { name: u.name, roles: u.roles },
    });
  }

  // Colleagues without a usable password (single-sign-on accounts in a real deployment).
  const random = rng(42);
  const count = GENERATED_USERS[scale];
  const people = Array.from({ length: count }, (_, i) => {
    const { name, slug } = personName(i);
    return { email: `${slug}@example.org`, name, roles: ROLE_MIX[Math.floor(random() * ROLE_MIX.length)]! };
  });
  for (let i = 0; i < people.length; i += 500) {
    await db.user.createMany({ data: people.slice(i, i + 500), skipDuplicates: true });
  }
  return { demoUsers: DEMO_USERS.length, generatedUsers: count };
}
