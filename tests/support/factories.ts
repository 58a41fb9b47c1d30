import crypto from "node:crypto";
import type { TPrisma } from "@/lib/db/prisma";
import { hashPassword } from "@/lib/auth/password";
import type { TRole } from "@/lib/auth/roles";

// bcrypt is deliberately slow; hash each distinct test password once per worker.
const hashes = new Map<string, Promise<string>>();
function cachedHash(password: string) {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
}

/** A user with a unique email, so tests never collide whatever order or parallelism they run in. */
export async function seedUser(db: TPrisma, { roles = ["viewer"], password = "correct horse battery", disabled = false }: { roles?: TRole[]; password?: string; disabled?: boolean } = {}) {
  const tag = crypto.randomBytes(5).toString("hex");
  const user = await db.user.create({
    data: {
      email: `user-${tag}@test.opsdeck.local`,
      name: `Test ${tag}`,
      roles,
      passwordHash: await cachedHash(password),
      disabledAt: disabled ? new Date() : null,
    },
    select: { id: true, email: true },
  });
  return { ...user, password };
}
