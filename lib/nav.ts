import { canOpen, type TRole } from "@/lib/auth/roles";

// The navigation, in order. Each area adds its entry when its pages land; what a user sees is
// filtered by the same route table the server checks.
export type TNavIcon = "overview" | "incidents" | "runbooks" | "services" | "alerts" | "chains" | "disputes" | "faucet" | "treasury" | "secrets" | "daily" | "business" | "maintenance" | "capacity" | "approvals" | "thresholds" | "audit" | "users" | "account";
export type TNavItem = { href: string; label: string; icon: TNavIcon; badge?: number; /** What the badge counts, for screen readers. */ badgeLabel?: string };

export const NAV: readonly TNavItem[] = [
  { href: "/", label: "Overview", icon: "overview" },
  { href: "/daily", label: "Daily check", icon: "daily", badgeLabel: "failing checks" },
  { href: "/incidents", label: "Incidents", icon: "incidents", badgeLabel: "open" },
  { href: "/runbooks", label: "Runbooks", icon: "runbooks" },
  { href: "/services", label: "Services", icon: "services" },
  { href: "/alerts", label: "Alerts", icon: "alerts", badgeLabel: "firing" },
  { href: "/chains", label: "Chains", icon: "chains" },
  { href: "/disputes", label: "Disputes", icon: "disputes", badgeLabel: "assigned to you" },
  { href: "/faucet", label: "Faucet", icon: "faucet", badgeLabel: "waiting for review" },
  { href: "/treasury", label: "Treasury", icon: "treasury" },
  { href: "/secrets", label: "Secrets & backups", icon: "secrets", badgeLabel: "overdue" },
  { href: "/maintenance", label: "Maintenance", icon: "maintenance", badgeLabel: "overdue" },
  { href: "/business", label: "Business metrics", icon: "business" },
  { href: "/capacity", label: "Capacity", icon: "capacity" },
  { href: "/approvals", label: "Approvals", icon: "approvals", badgeLabel: "waiting" },
  { href: "/settings", label: "Thresholds", icon: "thresholds" },
  { href: "/audit", label: "Audit log", icon: "audit" },
  { href: "/admin/users", label: "Users", icon: "users" },
];

export function navFor(roles: readonly TRole[], badges: Partial<Record<string, number>> = {}): TNavItem[] {
  return NAV.filter((item) => canOpen(item.href, roles)).map((item) => ({ ...item, badge: badges[item.href] }));
}

export function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(href + "/");
}
