import { expect, test } from "@playwright/test";
import { startOidcProvider } from "./support/oidc-provider";
import { startServer } from "./support/server";
import { freePort } from "./support/ports";

test("[AUTH][OIDC]: single sign-on through a real OpenID provider creates the account with roles from its groups", async ({ page }) => {
  test.setTimeout(90_000);
  const port = await freePort();
  const tag = Date.now().toString(36);
  const idp = await startOidcProvider({
    redirectUri: `http://127.0.0.1:${port}/api/auth/callback/oidc`,
    identities: {
      [`ana-${tag}`]: { email: `ana-${tag}@corp.example`, name: "Ana Lindqvist", groups: ["ops-approvers", "everyone"] },
      [`eve-${tag}`]: { email: `eve-${tag}@corp.example`, name: "Eve Unverified", groups: ["ops-admins"], emailVerified: false },
    },
  });
  const app = await startServer({
    PORT: String(port),
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.client_id,
    OIDC_CLIENT_SECRET: idp.client_secret,
    OIDC_NAME: "Corp SSO",
    OIDC_SCOPES: "openid email profile groups",
    OIDC_ROLE_MAP: "ops-approvers=approver,ops-admins=admin,everyone=no-such-role",
  });
  try {
    await page.goto(`${app.url}/approvals`);
    await page.getByRole("button", { name: "Sign in with Corp SSO" }).click();
    // The provider's own login and consent pages.
    await page.locator("input[name=login]").fill(`ana-${tag}`);
    await page.locator("input[name=password]").fill("anything");
    await page.locator("button[type=submit]").click();
    await page.locator("button[type=submit]").click(); // consent
    await expect(page).toHaveURL(`${app.url}/approvals`);
    await expect(page.getByRole("heading", { name: "Approvals" })).toBeVisible();

    await page.goto(`${app.url}/account`);
    await expect(page.getByText(`ana-${tag}@corp.example`)).toBeVisible();
    // Roles come from the groups claim; a group mapped to an unknown role grants nothing.
    await expect(page.getByText("Approves or rejects requests from others")).toBeVisible();
    await expect(page.getByText("Manages users, roles and settings")).toHaveCount(0);

    // An identity without a verified email is refused.
    await page.context().clearCookies();
    await page.goto(`${app.url}/sign-in`);
    await page.getByRole("button", { name: "Sign in with Corp SSO" }).click();
    await page.locator("input[name=login]").fill(`eve-${tag}`);
    await page.locator("input[name=password]").fill("anything");
    await page.locator("button[type=submit]").click();
    await page.locator("button[type=submit]").click();
    await expect(page.getByRole("alert").filter({ hasText: "Single sign-on did not let you in" })).toBeVisible();
  } finally {
    await app.stop();
    await idp.stop();
  }
});
