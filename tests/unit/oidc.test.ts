import { describe, expect, it } from "vitest";
import { rolesFromGroups } from "@/lib/auth/oidc";

describe("[AUTH][OIDC]: roles from groups", () => {
  const map = [
    { group: "ops-admins", role: "admin" },
    { group: "ops-approvers", role: "approver" },
    { group: "typo", role: "superadmin" },
  ];

  it("maps known groups and ignores the rest", () => {
    expect(rolesFromGroups(["ops-approvers", "everyone"], map)).toEqual(["approver"]);
  });

  it("fails closed: a group mapped to an unknown role and a malformed claim grant nothing", () => {
    expect(rolesFromGroups(["typo"], map)).toEqual([]);
    expect(rolesFromGroups({ admin: true }, map)).toEqual([]);
    expect(rolesFromGroups(undefined, map)).toEqual([]);
  });

  it("accepts a single group given as a string", () => {
    expect(rolesFromGroups("ops-admins", map)).toEqual(["admin"]);
  });
});
