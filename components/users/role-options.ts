import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/roles";

export const ROLE_OPTIONS = ROLES.map((r) => ({
  value: r,
  label: ROLE_LABELS[r],
  hint: ROLE_DESCRIPTIONS[r] + (r === "admin" || r === "approver" ? " — needs a second admin" : ""),
}));
