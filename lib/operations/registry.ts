import type { TOperation } from "@/lib/operations/define";
import { updateThreshold } from "@/lib/operations/settings";
import { beginMfa, disableMfa, enableMfa } from "@/lib/operations/account";
import { createUser, disableUser, enableUser, revokeSession, setUserRoles, unlockUser } from "@/lib/operations/users";

// Every operation OpsDeck knows. The permission matrix test walks this list × every role.
export const OPERATIONS: readonly TOperation[] = [
  createUser,
  setUserRoles,
  disableUser,
  enableUser,
  unlockUser,
  revokeSession,
  updateThreshold,
  beginMfa,
  enableMfa,
  disableMfa,
] as TOperation[];

const byId = new Map(OPERATIONS.map((op) => [op.id, op]));
const extra = new Map<string, TOperation>();

export function findOperation(id: string): TOperation | undefined {
  return byId.get(id) ?? extra.get(id);
}

/** Tests exercise the pipeline's failure paths with operations of their own; never in production. */
export function registerTestOperation(op: TOperation) {
  if (process.env.NODE_ENV === "production") throw new Error("Test operations cannot be registered in production");
  extra.set(op.id, op);
}
