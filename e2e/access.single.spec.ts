import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { canOpen, ROUTES, type TRole } from "@/lib/auth/roles";
import { ROLE_ACCOUNTS, storageStateFor } from "./support/roles";

// Every portal page that exists (no dynamic segments) × every demo account: it opens (200) or
// answers "Not allowed" (403) exactly as the route table says.
function portalPages(dir = path.join("app", "(portal)"), prefix = ""): string[] {
  const pages: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "page.tsx") pages.push(prefix || "/");
    if (entry.isDirectory() && !entry.name.startsWith("[") && !entry.name.startsWith("_")) pages.push(...portalPages(path.join(dir, entry.name), `${prefix}/${entry.name}`));
  }
  return pages;
}

const ROLE_OF: Record<(typeof ROLE_ACCOUNTS)[number], TRole> = {
  viewer: "viewer",
  support: "support",
  operator: "operator",
  treasury: "treasury",
  approver: "approver",
  approver2: "approver",
  auditor: "auditor",
  admin: "admin",
  admin2: "admin",
};

test("[ACCESS]: every portal page has its own rule in the route table", () => {
  // Falling back to the overview's rule would open a new page to every role by accident.
  const pages = portalPages().filter((p) => p !== "/");
  expect(pages.length).toBeGreaterThan(3);
  for (const page of pages) expect(ROUTES.some((r) => r.prefix !== "/" && (page === r.prefix || page.startsWith(r.prefix + "/"))), page).toBe(true);
});

for (const account of ROLE_ACCOUNTS) {
  test(`[ACCESS][MATRIX]: ${account} opens exactly the pages its role allows`, async ({ baseURL }) => {
    const context = await playwrightRequest.newContext({ baseURL, storageState: storageStateFor(account) });
    for (const page of portalPages()) {
      const res = await context.get(page, { maxRedirects: 0 });
      const expected = canOpen(page, [ROLE_OF[account]]) ? 200 : 403;
      expect(res.status(), `${account} ${page}`).toBe(expected);
      if (expected === 403) expect(await res.text()).toContain("Not allowed");
    }
    await context.dispose();
  });
}

test("[ACCESS][SIGNED-OUT]: every portal page sends a signed-out visitor to sign-in and back", async ({ baseURL }) => {
  const context = await playwrightRequest.newContext({ baseURL });
  for (const page of portalPages()) {
    const res = await context.get(page, { maxRedirects: 0 });
    expect(res.status(), page).toBe(307);
    expect(res.headers().location, page).toContain(`/sign-in?callbackUrl=${encodeURIComponent(page)}`);
  }
  await context.dispose();
});

test("[SECURITY][HEADERS]: pages carry a nonce-based CSP and the hardening headers", async ({ baseURL }) => {
  const context = await playwrightRequest.newContext({ baseURL, storageState: storageStateFor("viewer") });
  const res = await context.get("/");
  const headers = res.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1];
  expect(await res.text()).toContain(`nonce="${nonce}"`);
  await context.dispose();
});

test("[SECURITY][COOKIES]: the session cookie is HttpOnly and SameSite=Lax", async () => {
  const state = JSON.parse(fs.readFileSync(storageStateFor("viewer"), "utf8")) as { cookies: { name: string; httpOnly: boolean; sameSite: string }[] };
  const session = state.cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("[SECURITY][ORIGIN]: an API write from another site is refused", async ({ baseURL }) => {
  const context = await playwrightRequest.newContext({ baseURL, storageState: storageStateFor("admin") });
  const res = await context.post("/api/auth/signout", { headers: { origin: "https://evil.example" }, form: { csrfToken: "x" } });
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ ok: false, code: "FORBIDDEN" });
  await context.dispose();
});
