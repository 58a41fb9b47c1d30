import { expect, test, type Browser } from "@playwright/test";
import { storageStateFor, type TRoleAccount } from "./support/roles";
import { snap } from "./support/screenshots";

async function pageAs(browser: Browser, role: TRoleAccount, projectUse: { viewport?: { width: number; height: number } | null; isMobile?: boolean; hasTouch?: boolean }) {
  const context = await browser.newContext({ storageState: storageStateFor(role), viewport: projectUse.viewport ?? undefined, isMobile: projectUse.isMobile, hasTouch: projectUse.hasTouch });
  return context.newPage();
}

test("[APPROVALS][THRESHOLD]: an operator's request, approved by two approvers, is carried out and audited", async ({ browser }, testInfo) => {
  const use = testInfo.project.use;
  // Desktop and phone run at once against one database: each changes its own threshold.
  const key = testInfo.project.name === "phone" ? "tlsExpiryDays" : "disputeRatePct";
  const value = String(10 + Math.floor(Math.random() * 80));

  const operator = await pageAs(browser, "operator", use);
  await operator.goto("/settings");
  const row = operator.locator("li", { has: operator.getByTestId(`threshold-${key}`) });
  await row.getByText("Request a change").click();
  await row.getByLabel(/New value/).fill(value);
  await row.getByLabel(/Why/).fill("end-to-end check of the approval flow");
  await row.getByRole("button", { name: "Send for approval" }).click();
  await expect(row.getByText("Request sent: waiting for 2 approvals.")).toBeVisible();
  await row.getByRole("link", { name: "Follow the request" }).click();
  await expect(operator).toHaveURL(/\/approvals\/[0-9a-f-]{36}$/);
  await expect(operator.getByText("You asked for this; someone else has to decide it.")).toBeVisible();
  const requestUrl = operator.url();
  await snap(operator, testInfo, "approval-request-requester");

  // The requester cannot approve their own request, even by posting the form by hand: the page offers no vote.
  await expect(operator.getByRole("button", { name: "Approve" })).toHaveCount(0);

  for (const [account, progress, message] of [
    ["approver", "1 of 2", "You approved this request."],
    ["approver2", "2 of 2", "You approved this request. Approved and carried out."],
  ] as const) {
    const page = await pageAs(browser, account, use);
    await page.goto(requestUrl);
    await expect(page.getByText("end-to-end check of the approval flow")).toBeVisible();
    if (account === "approver") await snap(page, testInfo, "approval-request-approver");
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText(message)).toBeVisible();
    await expect(page.getByText(progress)).toBeVisible();
    await page.context().close();
  }

  await operator.reload();
  await expect(operator.getByText("Done", { exact: true })).toBeVisible();
  await operator.goto("/settings");
  await expect(operator.getByTestId(`threshold-${key}`)).toHaveText(value);
  await operator.context().close();

  const auditor = await pageAs(browser, "auditor", use);
  await auditor.goto("/audit?action=settings.threshold.update");
  const events = auditor.getByRole(testInfo.project.name === "phone" ? "list" : "table", { name: "Audit events" });
  await expect(events.getByText("settings.threshold.update.executed").first()).toBeVisible();
  await expect(events.getByText("settings.threshold.update.requested").first()).toBeVisible();
  await auditor.getByRole("button", { name: "Verify integrity" }).click();
  await expect(auditor.getByRole("status").filter({ hasText: /Intact, [\d,]+ events/ })).toBeVisible();
  await snap(auditor, testInfo, "audit-log");
  await auditor.context().close();
});

