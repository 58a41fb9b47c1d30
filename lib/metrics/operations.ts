import "server-only";
import { metrics } from "@/lib/metrics/registry";

/**
 * Outcomes counted in opsdeck_operations_total. "approved" and "rejected" count approval votes,
 * so a two-approver request that runs adds approved 2 and executed 1.
 */
export type TOperationMetricOutcome = "executed" | "failed" | "denied" | "invalid" | "approval_requested" | "approved" | "rejected";

/** One pipeline outcome, next to the audit event that records it. Operation ids come from the registry, so the label stays bounded. */
export function countOperation(operation: string, outcome: TOperationMetricOutcome) {
  metrics().operations.inc({ operation, outcome });
}
