import type { TOperation } from "@/lib/operations/define";
import { updateThreshold } from "@/lib/operations/settings";
import { beginMfa, disableMfa, enableMfa } from "@/lib/operations/account";
import { ESCROW_OPERATIONS } from "@/lib/operations/escrow";
import { setRpcOverride } from "@/lib/operations/chains";
import { SERVICE_OPERATIONS } from "@/lib/operations/services";
import { ALERT_OPERATIONS } from "@/lib/operations/alerts";
import { INCIDENT_OPERATIONS } from "@/lib/operations/incidents";
import { RUNBOOK_OPERATIONS } from "@/lib/operations/runbooks";
import { DISPUTE_OPERATIONS } from "@/lib/operations/disputes";
import { BLACKLIST_OPERATIONS } from "@/lib/operations/blacklist";
import { FAUCET_OPERATIONS } from "@/lib/operations/faucet";
import { TREASURY_OPERATIONS } from "@/lib/operations/treasury";
import { SECRET_OPERATIONS } from "@/lib/operations/secrets";
import { MAINTENANCE_OPERATIONS } from "@/lib/operations/maintenance";
import { DAILY_OPERATIONS } from "@/lib/operations/daily";
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
  ...ESCROW_OPERATIONS,
  setRpcOverride,
  ...SERVICE_OPERATIONS,
  ...ALERT_OPERATIONS,
  ...INCIDENT_OPERATIONS,
  ...RUNBOOK_OPERATIONS,
  ...DISPUTE_OPERATIONS,
  ...BLACKLIST_OPERATIONS,
  ...FAUCET_OPERATIONS,
  ...TREASURY_OPERATIONS,
  ...SECRET_OPERATIONS,
  ...MAINTENANCE_OPERATIONS,
  ...DAILY_OPERATIONS,
] as TOperation[];

const byId = new Map(OPERATIONS.map((op) => [op.id, op]));

export function findOperation(id: string): TOperation | undefined {
  return byId.get(id);
}
