import type { TOperation } from "@/lib/operations/define";

export const TREASURY_OPERATIONS: TOperation[] = [];
