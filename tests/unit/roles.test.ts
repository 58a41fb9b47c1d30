import { describe, expect, it } from "vitest";
import { ROLES, ROUTES, canOpen, knownRoles, routeRule } from "@/lib/auth/roles";
import { navFor } from "@/lib/nav";

describe("[ROLES]: route table", () => {
  it("picks the longest matching prefix", () => {
    expect(routeRule("/admin/users")?.prefix).toBe("/admin");
    expect(routeRule("/")?.prefix).toBe("/");
    expect(routeRule("/audit/export")?.prefix).toBe("/audit");
  });

  it("matches on segment boundaries, not string prefixes", () => {
    // "/administrator" is not under "/admin": it falls back to the overview rule.
    expect(routeRule("/administrator")?.prefix).toBe("/");
  });

  it("opens admin pages to admins only", () => {
    for (const role of ROLES) expect(canOpen("/admin/users", [role])).toBe(role === "admin");
  });

  it("opens the audit log to auditors and admins only", () => {
    expect(ROLES.filter((r) => canOpen("/audit", [r]))).toEqual(["auditor", "admin"]);
  });

  it("opens nothing to a user without roles", () => {
    for (const rule of ROUTES) expect(canOpen(rule.prefix, [])).toBe(false);
  });

  it("combines roles: any one of a user's roles opens the route", () => {
    expect(canOpen("/admin", ["viewer", "admin"])).toBe(true);
  });
});

describe("[ROLES]: unknown roles fail closed", () => {
  it("drops unknown and malformed role names", () => {
    expect(knownRoles(["admin", "superuser", "", null, 3, "Admin"])).toEqual(["admin"]);
    expect(knownRoles(undefined)).toEqual([]);
  });
});

describe("[NAV]: navigation follows the route table", () => {
  it("shows Users to admins and hides it from everyone else", () => {
    expect(navFor(["admin"]).map((i) => i.label)).toContain("Users");
    expect(navFor(["viewer"]).map((i) => i.label)).not.toContain("Users");
    expect(navFor([])).toEqual([]);
  });
});

describe("[ROLES][INCIDENTS]: the declare page follows the declare operation", () => {
  it("opens /incidents/new to exactly the roles that may declare", async () => {
    const { INCIDENT_ROLES } = await import("@/lib/operations/incidents");
    for (const role of ROLES) expect(canOpen("/incidents/new", [role]), role).toBe((INCIDENT_ROLES as readonly string[]).includes(role));
  });
});
