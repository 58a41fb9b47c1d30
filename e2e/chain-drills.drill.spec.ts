import { expect, test, type Browser } from "@playwright/test";
import { storageStateFor, type TRoleAccount } from "./support/roles";
import { escrowIsPaused } from "./support/chains";
import { DEMO_PASSWORD } from "./support/roles";

// One run, not per screen size, after the other projects (playwright.config.ts "drills"): the
// pause is the chain's global state. Screenshots are taken at both sizes along the way.
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function pageAs(browser: Browser, role: TRoleAccount, viewport = DESKTOP) {
  const context = await browser.newContext({ storageState: storageStateFor(role), viewport });
  return context.newPage();
}

test("[CHAINS][PAUSE][UNPAUSE]: RB-05 end to end — an operator pauses on chain, the portal announces it, two approvers unpause", async ({ browser }) => {
  test.setTimeout(120_000);
  expect(await escrowIsPaused()).toBe(false);

  const operator = await pageAs(browser, "operator", PHONE);
  await operator.goto("/chains");
  await operator.getByLabel("What is happening").fill("e2e drill: suspected exploit in order release");
  await operator.getByRole("button", { name: "Pause the escrow now" }).click();
  // The page re-renders paused: the badge, the banner, the unpause control in place of the brake.
  await expect(operator.getByTestId("escrow-paused")).toHaveText("Paused", { timeout: 20_000 });
  await expect(operator.getByRole("alert").filter({ hasText: "Escrow paused by operator@opsdeck.local" })).toBeVisible();
  await expect(operator.getByText("Unpause (RB-05 step 7)")).toBeVisible();
  expect(await escrowIsPaused()).toBe(true);
  await expect(operator.getByTestId("chain-tx").filter({ hasText: "escrow.pause" }).getByText("Confirmed")).toBeVisible();
  await operator.screenshot({ path: "test-results/screenshots/phone-chains-paused.png", fullPage: true });

  // Announced everywhere, for everyone.
  const viewer = await pageAs(browser, "viewer");
  await viewer.goto("/");
  await expect(viewer.getByRole("alert").filter({ hasText: "all trading is blocked" })).toBeVisible();
  await viewer.screenshot({ path: "test-results/screenshots/desktop-overview-escrow-paused.png", fullPage: true });
  await viewer.context().close();

  // Unpausing needs two approvers; each confirms their password (a critical request).
  const unpause = operator.locator("details", { hasText: "Unpause (RB-05 step 7)" });
  await unpause.getByText("Unpause (RB-05 step 7)").click();
  await unpause.getByLabel(/Why/).fill("e2e drill over: fix verified");
  await unpause.getByRole("button", { name: "Request unpause" }).click();
  await expect(unpause.getByText("Request sent: waiting for 2 approvals.")).toBeVisible();
  await unpause.getByRole("link", { name: "Follow the request" }).click();
  await operator.waitForURL(/\/approvals\/[0-9a-f-]{36}$/);
  const requestUrl = operator.url();

  for (const account of ["approver", "approver2"] as const) {
    const page = await pageAs(browser, account);
    await page.goto(requestUrl);
    await page.getByLabel("Confirm with your password or authenticator code").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText(/You approved this request/)).toBeVisible({ timeout: 20_000 });
    await page.context().close();
  }
  expect(await escrowIsPaused()).toBe(false);
  await operator.goto("/chains");
  await expect(operator.getByTestId("escrow-paused")).toHaveText("Trading");
  await expect(operator.getByRole("alert").filter({ hasText: "Escrow paused" })).toHaveCount(0);
  await operator.context().close();
});

test("[CHAINS][RB-07]: an operator pins the XRPL side to its fallback endpoint and back", async ({ browser }) => {
  const operator = await pageAs(browser, "operator");
  await operator.goto("/chains");
  const card = operator.locator("section", { has: operator.getByTestId("chain-status-xrpl") });
  await card.getByText("Switch endpoint (RB-07)").click();
  await card.getByLabel("Send calls to").selectOption("fallback");
  await card.getByRole("button", { name: "Switch" }).click();
  await expect(card.getByText("Switched.")).toBeVisible();
  await operator.reload();
  await expect(operator.getByTestId("chain-status-xrpl")).toHaveText("Degraded");
  await expect(operator.getByTestId("endpoint-xrpl-fallback").getByText("In use")).toBeVisible();
  await expect(operator.getByText("Pinned to the fallback endpoint (RB-07)")).toBeVisible();

  await card.getByText(/Switch endpoint \(RB-07\)/).click();
  await card.getByLabel("Send calls to").selectOption("auto");
  await card.getByRole("button", { name: "Switch" }).click();
  await expect(card.getByText("Switched.")).toBeVisible();
  await operator.reload();
  await expect(operator.getByTestId("chain-status-xrpl")).toHaveText("OK");
  await operator.context().close();
});
