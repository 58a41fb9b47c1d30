import { ESCROW_PLATFORM_RUNBOOKS } from "@/lib/runbooks/definitions/escrow-platform";
import { XRPL_PLATFORM_RUNBOOKS } from "@/lib/runbooks/definitions/xrpl-platform";
import { FAUCET_RUNBOOKS } from "@/lib/runbooks/definitions/faucet";
import { NODE_OPERATIONS_RUNBOOKS } from "@/lib/runbooks/definitions/node-operations";
import type { TRunbook } from "@/lib/runbooks/types";

// Every runbook OpsDeck ships, in the order the runbooks page lists them. Pure data.
export const RUNBOOKS: readonly TRunbook[] = [...ESCROW_PLATFORM_RUNBOOKS, ...XRPL_PLATFORM_RUNBOOKS, ...FAUCET_RUNBOOKS, ...NODE_OPERATIONS_RUNBOOKS];

export function findRunbookDefinition(id: string): TRunbook | undefined {
  return RUNBOOKS.find((r) => r.id === id);
}

/** The runbook an alert suggests: the alert's own reference when it names one, else the first whose alert list has its name. */
export function runbookForAlert(alert: { name: string; runbook: string | null }): TRunbook | undefined {
  return (alert.runbook ? findRunbookDefinition(alert.runbook) : undefined) ?? RUNBOOKS.find((r) => r.alerts.includes(alert.name));
}
