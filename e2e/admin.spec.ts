import { expect, test, type Browser, type TestInfo } from "@playwright/test";
import { DEMO_PASSWORD, emailFor, storageStateFor, type TRoleAccount } from "./support/roles";
import { snap } from "./support/screenshots";
import { createUserViaForm } from "./support/users";

async function pageAs(browser: Browser, account: TRoleAccount | null, testInfo: TestInfo) {
  const { viewport, isMobile, hasTouch } = testInfo.project.use;
  const context = await browser.newContext({ ...(account ? { storageState: storageStateFor(account) } : {}), viewport: viewport ?? undefined, isMobile, hasTouch });
  return context.newPage();
}

test("[ADMIN][ROLES]: granting approver waits for a second admin, who confirms with their password", async ({ browser }, testInfo) => {
  const email = `new-${testInfo.project.name}-${Date.now()}@corp.example`;
  const admin = await pageAs(browser, "admin", testInfo);
  await createUserViaForm(admin, { name: "Nia Newcomer", email, password: "a-long-initial-password", role: "Viewer", reason: "joins the night shift" });

  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await admin.getByRole("main").getByRole("link", { name: "Nia Newcomer", exact: true }).locator("visible=true").first().click();
  await expect(admin.getByRole("heading", { name: "Nia Newcomer" })).toBeVisible();
  await admin.getByRole("checkbox", { name: /Approver/ }).check();
  await admin.getByLabel(/Why/).fill("joins the approvers rota");
  await admin.getByRole("button", { name: "Save roles" }).click();
  await expect(admin.getByText("Request sent: waiting for 1 approval.")).toBeVisible();
  await snap(admin, testInfo, "admin-user-detail");
  await admin.getByRole("link", { name: "Follow the request" }).click();
  await expect(admin).toHaveURL(/\/approvals\/[0-9a-f-]{36}$/);
  const requestUrl = admin.url();
  await expect(admin.getByText("You asked for this; someone else has to decide it.")).toBeVisible();

  const admin2 = await pageAs(browser, "admin2", testInfo);
  await admin2.goto(requestUrl);
  await expect(admin2.getByText("critical risk")).toBeVisible();
  const confirm = admin2.getByLabel("Confirm with your password or authenticator code");
  await confirm.fill("not-my-password");
  await admin2.getByRole("button", { name: "Approve" }).click();
  await expect(admin2.getByRole("alert").filter({ hasText: "That password or code is not right" })).toBeVisible();
  await confirm.fill(DEMO_PASSWORD);
  await admin2.getByRole("button", { name: "Approve" }).click();
  await expect(admin2.getByText("You approved this request. Approved and carried out.")).toBeVisible();

  await admin.goto(requestUrl);
  await expect(admin.getByText("Done", { exact: true })).toBeVisible();
  await admin.context().close();
  await admin2.context().close();

  // The new approver can sign in and sees the approvals inbox.
  const nia = await pageAs(browser, null, testInfo);
  await nia.goto("/sign-in");
  await nia.getByLabel("Email").fill(email);
  await nia.getByLabel("Password").fill("a-long-initial-password");
  await nia.getByRole("button", { name: "Sign in" }).click();
  await expect(nia.getByRole("heading", { name: "Overview" })).toBeVisible();
  await nia.goto("/account");
  await expect(nia.getByText("Approves or rejects requests from others")).toBeVisible();
  await nia.context().close();
});

test("[ADMIN][DISABLE]: disabling a user ends their open session on its next request", async ({ browser }, testInfo) => {
  const email = `leaver-${testInfo.project.name}-${Date.now()}@corp.example`;
  const admin = await pageAs(browser, "admin", testInfo);
  await createUserViaForm(admin, { name: "Lee Leaver", email, password: "another-long-password", role: "Support", reason: "temporary contractor" });

  const lee = await pageAs(browser, null, testInfo);
  await lee.goto("/sign-in");
  await lee.getByLabel("Email").fill(email);
  await lee.getByLabel("Password").fill("another-long-password");
  await lee.getByRole("button", { name: "Sign in" }).click();
  await expect(lee.getByRole("heading", { name: "Overview" })).toBeVisible();

  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await admin.getByRole("main").getByRole("link", { name: "Lee Leaver", exact: true }).locator("visible=true").first().click();
  await expect(admin.getByRole("list", { name: "Sessions" }).getByRole("listitem")).toHaveCount(1);
  await snap(admin, testInfo, "admin-user-with-session");
  await admin.getByRole("button", { name: "Disable user" }).click();
  // The page now shows the new state: disabled, no open sessions, and the way back.
  await expect(admin.getByRole("button", { name: "Enable user" })).toBeVisible();
  await expect(admin.getByText("Disabled", { exact: true })).toBeVisible();
  await expect(admin.getByText("No open sessions.")).toBeVisible();

  await lee.reload();
  await expect(lee).toHaveURL(/\/sign-in/);
  await lee.getByLabel("Email").fill(email);
  await lee.getByLabel("Password").fill("another-long-password");
  await lee.getByRole("button", { name: "Sign in" }).click();
  await expect(lee.getByRole("alert").filter({ hasText: "Email or password is wrong." })).toBeVisible();
  await admin.context().close();
  await lee.context().close();
});

test("[ADMIN][SELF]: an admin cannot change their own roles or disable themselves", async ({ browser }, testInfo) => {
  const admin = await pageAs(browser, "admin", testInfo);
  await admin.goto(`/admin/users?q=${encodeURIComponent(emailFor("admin"))}`);
  await admin.getByRole("main").getByRole("link", { name: "Ari Admin", exact: true }).locator("visible=true").first().click();
  await expect(admin.getByText("You cannot change your own roles; another admin can.")).toBeVisible();
  await expect(admin.getByText("You cannot disable your own account.")).toBeVisible();
  await admin.context().close();
});
