import type { TPrisma } from "@/lib/db/prisma";
import type { TRole } from "@/lib/auth/roles";
import type { TActor } from "@/lib/operations/define";
import { seedUser } from "./factories";

/** A real user with a real session row, as the pipeline sees them. */
export async function seedActor(db: TPrisma, roles: TRole[], { reauthAt = null as Date | null } = {}): Promise<TActor & { password: string }> {
  const user = await seedUser(db, { roles });
  const session = await db.userSession.create({ data: { userId: user.id, reauthAt }, select: { id: true } });
  return { id: user.id, email: user.email, name: user.email, roles, sessionId: session.id, password: user.password };
}
