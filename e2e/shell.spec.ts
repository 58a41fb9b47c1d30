import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, emailFor, storageStateFor } from "./support/roles";
import { snap } from "./support/screenshots";

const isPhone = (name: string) => name === "phone";

async function openNav(page: import("@playwright/test").Page, projectName: string) {
  if (isPhone(projectName)) await page.getByRole("button", { name: "Open menu" }).click();
  return page.getByRole("navigation", { name: "Main" }).last();
}

test.describe("[SHELL]: signed out", () => {
  test("[SHELL][SIGN-IN]: a protected page sends you to sign-in and back afterwards", async ({ page }, testInfo) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fusers/);
    await snap(page, testInfo, "sign-in");
    await page.getByLabel("Email").fill(emailFor("admin"));
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  });

  test("[SHELL][SIGN-IN]: a wrong password is refused with a clear message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(emailFor("viewer"));
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Email or password is wrong." })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("[SHELL][SIGN-OUT]: signing out ends the session on the server", async ({ page, context }, testInfo) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(emailFor("support"));
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    const cookies = await context.cookies();
    await openNav(page, testInfo.project.name);
    await page.getByRole("button", { name: "Sign out" }).locator("visible=true").click();
    await expect(page).toHaveURL(/\/sign-in/);
    // The old cookie, replayed, no longer opens anything: the session row is revoked.
    await context.addCookies(cookies);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe("[SHELL]: viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("[SHELL][NAV]: the viewer sees the overview but no admin entry", async ({ page }, testInfo) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByText("Platform health")).toBeVisible();
    await expect(page.getByText("Database", { exact: true })).toBeVisible();
    const nav = await openNav(page, testInfo.project.name);
    await expect(nav.getByRole("link", { name: "Overview" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    await snap(page, testInfo, "overview-viewer");
  });

  test("[SHELL][403]: the viewer opening an admin page gets 'Not allowed' with HTTP 403", async ({ page }, testInfo) => {
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByText(/needs the Admin role/)).toBeVisible();
    await snap(page, testInfo, "not-allowed");
  });

  test("[SHELL][404]: an unknown address shows the not-found page", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("[SHELL][THEME]: the chosen theme survives a reload", async ({ page }) => {
    await page.goto("/");
    const toggle = page.getByRole("button", { name: /theme \(change\)/ }).locator("visible=true").first();
    await toggle.click(); // system → light
    await toggle.click(); // light → dark
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/dark/);
  });
});

test.describe("[SHELL]: admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("[SHELL][USERS]: the admin sees every demo account with its roles", async ({ page }, testInfo) => {
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
    const list = isPhone(testInfo.project.name) ? page.getByRole("list", { name: "Users" }) : page.getByRole("table");
    await expect(list.getByText("approver2@opsdeck.local")).toBeVisible();
    await expect(list.getByText("admin2@opsdeck.local")).toBeVisible();
    const nav = await openNav(page, testInfo.project.name);
    await expect(nav.getByRole("link", { name: "Users" })).toBeVisible();
    await snap(page, testInfo, "admin-users");
  });

  test("[SHELL][ACCOUNT]: my account lists my roles and this device's session", async ({ page }, testInfo) => {
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
    await expect(page.getByText("Manages users, roles and settings")).toBeVisible();
    await expect(page.getByText("This device")).toBeVisible();
    await snap(page, testInfo, "account");
  });
});
