import type { TOperation } from "@/lib/operations/define";

export const DAILY_OPERATIONS: TOperation[] = [];
