import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

export const DEMO_PASSWORD = "opsdeck-demo";
/** The demo accounts: one per role, plus a second approver and a second admin. */
export const ROLE_ACCOUNTS = ["viewer", "support", "operator", "treasury", "approver", "approver2", "auditor", "admin", "admin2"] as const;
export type TRoleAccount = (typeof ROLE_ACCOUNTS)[number];

export const emailFor = (role: string) => `${role}@opsdeck.local`;
export const storageStateFor = (role: TRoleAccount) => path.join(__dirname, "..", ".auth", `${role}.json`);

/** Signs in through next-auth's standard endpoints (what scripts and monitors use). */
export async function signInViaApi(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
}
