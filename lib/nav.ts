import { canOpen, type TRole } from "@/lib/auth/roles";

// The navigation, in order. Each area adds its entry when its pages land; what a user sees is
// filtered by the same route table the server checks.
export type TNavItem = { href: string; label: string; icon: "overview" | "users" | "account" };

export const NAV: readonly TNavItem[] = [
  { href: "/", label: "Overview", icon: "overview" },
  { href: "/admin/users", label: "Users", icon: "users" },
];

export function navFor(roles: readonly TRole[]): TNavItem[] {
  return NAV.filter((item) => canOpen(item.href, roles));
}

export function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(href + "/");
}
