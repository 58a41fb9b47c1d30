import { expect, test, type Browser } from "@playwright/test";
import { DEMO_PASSWORD, storageStateFor, type TRoleAccount } from "./support/roles";
import { snap } from "./support/screenshots";

// The platform wallet rotation on the dev ledger, once, after the screen-size projects (it
// changes the active platform wallet for everything that follows). The operator works on a
// phone; the approvers at their desks.
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function pageAs(browser: Browser, role: TRoleAccount, viewport = DESKTOP) {
  const isPhone = viewport.width < 600;
  const context = await browser.newContext({ storageState: storageStateFor(role), viewport, isMobile: isPhone, hasTouch: isPhone });
  return context.newPage();
}

async function approveCritical(browser: Browser, account: TRoleAccount, requestUrl: string, expected: string) {
  const page = await pageAs(browser, account);
  await page.goto(requestUrl);
  await page.getByLabel("Confirm with your password or authenticator code").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(expected)).toBeVisible({ timeout: 30_000 });
  await page.context().close();
}

test("[TREASURY][ROTATION]: the platform wallet's funds move once with two approvals, the wallet switches, the new balance is verified and the rotation recorded", async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  const operator = await pageAs(browser, "operator", PHONE);
  await operator.goto("/treasury/rotation");
  await expect(operator.getByText("1. The new wallet comes from the configuration")).toBeVisible();
  await snap(operator, testInfo, "rotation-start");

  // Step 2: move the funds (two approvers).
  await operator.getByLabel(/Why/).first().fill("scheduled rotation, maintenance window");
  await operator.getByRole("button", { name: "Ask to move the funds" }).click();
  await expect(operator.getByText("Request sent: waiting for 2 approvals.")).toBeVisible();
  await operator.getByRole("link", { name: "Follow the request" }).first().click();
  await expect(operator).toHaveURL(/\/approvals\/[0-9a-f-]{36}$/);
  const moveUrl = operator.url();
  await approveCritical(browser, "approver", moveUrl, "You approved this request.");
  await approveCritical(browser, "approver2", moveUrl, "You approved this request. Approved and carried out.");

  await operator.goto("/treasury/rotation");
  await expect(operator.getByTestId("treasury-transfer").filter({ hasText: "Move the platform wallet's funds" })).toHaveAttribute("data-state", "confirmed");
  await expect(operator.getByRole("button", { name: "Ask to move the funds" })).toHaveCount(0);

  // Step 3: switch (one approver).
  await operator.getByLabel(/Why/).first().fill("funds moved, balance checked");
  await operator.getByRole("button", { name: "Ask to switch" }).click();
  await expect(operator.getByText("Request sent: waiting for 1 approval.")).toBeVisible();
  await operator.getByRole("link", { name: "Follow the request" }).first().click();
  await expect(operator).toHaveURL(/\/approvals\/[0-9a-f-]{36}$/);
  await approveCritical(browser, "approver", operator.url(), "You approved this request. Approved and carried out.");

  // Steps 4 and 5: verified and recorded, shown on the page.
  await operator.goto("/treasury/rotation");
  const result = operator.getByTestId("rotation-result");
  await expect(result).toContainText("Switched");
  await expect(result).toContainText(/XRP were moved; the new wallet holds [\d.]+ XRP/);
  await expect(operator.getByText("verified", { exact: true })).toBeVisible();
  await expect(result).toContainText("by operator@opsdeck.local");
  await snap(operator, testInfo, "rotation-done");

  const desk = await pageAs(browser, "operator");
  await desk.goto("/secrets");
  await expect(desk.locator('[data-testid="secret-row"][data-secret="platform-xrpl-seed"]')).toContainText("by operator@opsdeck.local");
  await desk.goto("/treasury/rotation");
  await snap(desk, testInfo, "rotation-done-desktop");
  await desk.context().close();
  await operator.context().close();
});
