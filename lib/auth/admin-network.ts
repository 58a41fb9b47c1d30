import { matchesAny } from "@/lib/http/address-match";
import type { TOperation } from "@/lib/operations/define";

/** Operations only admins may run are admin operations; ADMIN_ALLOWED_IPS applies to them. */
export function isAdminOperation(op: Pick<TOperation, "allowed">): boolean {
  return op.allowed.length > 0 && op.allowed.every((r) => r === "admin");
}

/** Why an admin page or operation is refused from this address, or null when it is allowed. */
export function adminNetworkRefusal(ip: string | null | undefined, allowed: readonly string[]): string | null {
  if (allowed.length === 0 || matchesAny(ip, allowed)) return null;
  return `Admin pages and operations are only open from allowed network addresses (this request came from ${ip ?? "an unknown address"})`;
}
