import type { TOperation } from "@/lib/operations/define";

// Recurring maintenance checklists (filled in by the maintenance area).
export const MAINTENANCE_OPERATIONS: TOperation[] = [];
