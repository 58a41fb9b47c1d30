// Roles and the route table: the one source for page access, used by server checks and by the
// navigation alike. Pure data, safe to import from client components.

export const ROLES = ["viewer", "support", "operator", "treasury", "approver", "auditor", "admin"] as const;
export type TRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<TRole, string> = {
  viewer: "Viewer",
  support: "Support",
  operator: "Operator",
  treasury: "Treasury",
  approver: "Approver",
  auditor: "Auditor",
  admin: "Admin",
};

export const ROLE_DESCRIPTIONS: Record<TRole, string> = {
  viewer: "Reads dashboards, services and incidents",
  support: "Works the dispute queue and faucet review",
  operator: "Runs incidents, runbooks, faucet controls, RPC failover and the emergency pause",
  treasury: "Sees treasury accounts and requests transfers",
  approver: "Approves or rejects requests from others",
  auditor: "Reads and exports the audit log",
  admin: "Manages users, roles and settings",
};

/** Keeps only known roles: an unknown role (from a token, a claim, a typo) grants nothing. */
export function knownRoles(values: readonly unknown[] | null | undefined): TRole[] {
  if (!values) return [];
  return values.filter((v): v is TRole => typeof v === "string" && (ROLES as readonly string[]).includes(v));
}

export type TRouteRule = {
  /** Path prefix, matched on segment boundaries. */
  prefix: string;
  title: string;
  /** Any one of these roles opens the route. */
  roles: readonly TRole[];
};

const EVERYONE: readonly TRole[] = ROLES;

/** Everyone who works incidents (declares them, adds notes); viewers and auditors only read them. */
export const INCIDENT_ROLES = ["support", "operator", "treasury", "approver", "admin"] as const satisfies readonly TRole[];

// Longest prefix wins. Each area's page also checks with requireRoute() next to its data.
export const ROUTES: readonly TRouteRule[] = [
  { prefix: "/", title: "Overview", roles: EVERYONE },
  { prefix: "/services", title: "Services", roles: EVERYONE },
  { prefix: "/chains", title: "Chains", roles: EVERYONE },
  { prefix: "/alerts", title: "Alerts", roles: ["viewer", "support", "operator", "admin"] },
  { prefix: "/incidents", title: "Incidents", roles: EVERYONE },
  { prefix: "/incidents/new", title: "Declare an incident", roles: INCIDENT_ROLES },
  { prefix: "/runbooks", title: "Runbooks", roles: EVERYONE },
  // Approvers read what they are asked to approve: a large resolution's evidence and parties.
  { prefix: "/disputes", title: "Disputes", roles: ["support", "operator", "approver", "admin"] },
  { prefix: "/disputes/watch", title: "RB-04 watch", roles: ["support", "operator", "approver", "admin"] },
  { prefix: "/disputes/arbitrators", title: "Arbitrators", roles: ["support", "operator", "approver", "admin"] },
  // Treasury checks destinations against it.
  { prefix: "/disputes/blacklist", title: "Blacklist", roles: ["support", "operator", "treasury", "approver", "admin"] },
  { prefix: "/faucet", title: "Faucet", roles: ["support", "operator", "treasury", "admin"] },
  { prefix: "/treasury", title: "Treasury", roles: ["treasury", "approver", "auditor", "admin"] },
  // The platform wallet's rotation is a maintenance-window procedure operators run too.
  { prefix: "/treasury/rotation", title: "Platform wallet rotation", roles: ["treasury", "operator", "approver", "auditor", "admin"] },
  // The morning pages (daily check, scheduled tasks, business metrics, capacity): read by everyone.
  { prefix: "/daily", title: "Daily check", roles: EVERYONE },
  { prefix: "/business", title: "Business metrics", roles: EVERYONE },
  { prefix: "/capacity", title: "Capacity and recovery", roles: EVERYONE },
  { prefix: "/maintenance", title: "Maintenance", roles: ["support", "operator", "approver", "auditor", "admin"] },
  // Rotation schedules and backups: operators run them, treasury rotates its keys, auditors check them.
  { prefix: "/secrets", title: "Secrets & backups", roles: ["operator", "treasury", "approver", "auditor", "admin"] },
  { prefix: "/approvals", title: "Approvals", roles: ["operator", "treasury", "support", "approver", "auditor", "admin"] },
  { prefix: "/audit", title: "Audit log", roles: ["auditor", "admin"] },
  { prefix: "/admin", title: "Administration", roles: ["admin"] },
  { prefix: "/settings", title: "Thresholds", roles: EVERYONE },
  { prefix: "/account", title: "My account", roles: EVERYONE },
];

function matches(path: string, prefix: string) {
  if (prefix === "/") return true;
  return path === prefix || path.startsWith(prefix + "/");
}

/** The rule for a path (longest matching prefix), or undefined for paths outside the portal. */
export function routeRule(path: string): TRouteRule | undefined {
  let best: TRouteRule | undefined;
  for (const rule of ROUTES) {
    if (matches(path, rule.prefix) && (!best || rule.prefix.length > best.prefix.length)) best = rule;
  }
  return best;
}

export function canOpen(path: string, roles: readonly TRole[]): boolean {
  const rule = routeRule(path);
  if (!rule) return false;
  return rule.roles.some((r) => roles.includes(r));
}
