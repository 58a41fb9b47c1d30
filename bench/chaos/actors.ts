import type { TPrisma } from "@/lib/db/prisma";
import type { TActor } from "@/lib/operations/define";
import type { TRole } from "@/lib/auth/roles";

/** A demo user as the pipeline sees them, with a fresh session that has just re-entered its password. */
export async function demoActor(db: TPrisma, email: string): Promise<TActor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, roles: true } });
  const session = await db.userSession.create({ data: { userId: user.id, reauthAt: new Date() }, select: { id: true } });
  return { id: user.id, email: user.email, name: user.name ?? user.email, roles: user.roles as TRole[], sessionId: session.id };
}
