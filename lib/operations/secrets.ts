import type { TOperation } from "@/lib/operations/define";

// Recording secret rotations, backups and restore tests (filled in by the secrets area).
export const SECRET_OPERATIONS: TOperation[] = [];
