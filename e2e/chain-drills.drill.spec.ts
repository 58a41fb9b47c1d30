import { expect, test, type Browser } from "@playwright/test";
import { storageStateFor, type TRoleAccount } from "./support/roles";
import { escrowIsPaused } from "./support/chains";
import { DEMO_PASSWORD } from "./support/roles";

// One run, not per screen size, after the other projects (playwright.config.ts "drills"): the
// pause is the chain's global state, so these run one after another. Screenshots are taken at
// both sizes along the way.
test.describe.configure({ mode: "serial" });
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function pageAs(browser: Browser, role: TRoleAccount, viewport = DESKTOP) {
  const isPhone = viewport.width < 600;
  const context = await browser.newContext({ storageState: storageStateFor(role), viewport, isMobile: isPhone, hasTouch: isPhone });
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

test("[INCIDENTS][RB-05]: on a phone — declare a P0, run RB-05 from the war room, two approvers unpause inside the run, the post-mortem has it in order", async ({ browser }) => {
  test.setTimeout(180_000);
  expect(await escrowIsPaused()).toBe(false);
  const operator = await pageAs(browser, "operator", PHONE);
  await operator.goto("/");
  await operator.getByRole("link", { name: "Declare an incident" }).click();
  await operator.waitForURL(/\/incidents\/new$/);
  await operator.getByLabel("What is wrong").fill("e2e drill: funds leaving the escrow");
  await operator.getByLabel(/^P0 — Funds at risk/).check();
  await operator.getByRole("button", { name: "Declare", exact: true }).click();
  await operator.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
  const warRoom = operator.url();
  await expect(operator.getByTestId("incident-banner")).toContainText("P0 open");
  await expect(operator.getByTestId("incident-status").first()).toHaveText("Detected");

  await operator.getByRole("combobox", { name: "Runbook", exact: true }).selectOption("RB-05");
  await operator.getByRole("button", { name: "Start", exact: true }).click();
  const step = operator.getByTestId("current-step");
  await expect(step).toHaveAttribute("data-step", "check-trading", { timeout: 15_000 });
  await step.getByRole("button", { name: "Run check" }).click();
  await expect(operator.getByTestId("timeline")).toContainText("Is the escrow still trading? checked — pass: paused() = false", { timeout: 15_000 });

  await expect(step).toHaveAttribute("data-step", "pause");
  await step.getByLabel("What is happening").fill("e2e drill: reentrancy suspected in release");
  await step.getByRole("button", { name: "Pause the escrow" }).click();
  await expect(step).toHaveAttribute("data-step", "verify-paused", { timeout: 30_000 });
  expect(await escrowIsPaused()).toBe(true);
  await step.getByRole("button", { name: "Run check" }).click();
  await expect(operator.getByTestId("timeline")).toContainText("Verify the pause is active checked — pass: paused() = true", { timeout: 15_000 });
  await operator.screenshot({ path: "test-results/screenshots/phone-war-room.png", fullPage: true });

  for (const stepId of ["communicate", "assess", "fix", "verify-testnet"]) {
    await expect(step).toHaveAttribute("data-step", stepId, { timeout: 15_000 });
    await step.getByRole("button", { name: "Done", exact: true }).click();
  }
  await expect(step).toHaveAttribute("data-step", "unpause", { timeout: 15_000 });
  await step.getByLabel("Why (shown to the approvers)").fill("e2e drill: fix verified on testnet");
  await step.getByRole("button", { name: "Request: Unpause the escrow" }).click();
  await expect(operator.getByTestId("waiting-approval")).toContainText("Waiting for 2 more approvers", { timeout: 15_000 });
  const requestUrl = await operator.getByTestId("waiting-approval").getByRole("link", { name: "Open the request" }).getAttribute("href");
  // Someone is typing in the war room while the approvals come in: the refreshes keep it.
  await operator.getByRole("textbox", { name: "Note", exact: true }).fill("drafting: customers informed at 03:10");
  await operator.screenshot({ path: "test-results/screenshots/phone-war-room-waiting.png", fullPage: true });

  for (const account of ["approver", "approver2"] as const) {
    const page = await pageAs(browser, account);
    await page.goto(requestUrl!);
    await page.getByLabel("Confirm with your password or authenticator code").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText(/You approved this request/)).toBeVisible({ timeout: 30_000 });
    await page.context().close();
  }
  expect(await escrowIsPaused()).toBe(false);
  // The run went on by itself; the war room shows it on its next refresh, with the draft intact.
  await expect(step).toHaveAttribute("data-step", "verify-trading", { timeout: 20_000 });
  await expect(operator.getByRole("textbox", { name: "Note", exact: true })).toHaveValue("drafting: customers informed at 03:10");
  await expect(operator.getByTestId("timeline")).toContainText("approved by approver2@opsdeck.local (2 of 2)");
  await step.getByRole("button", { name: "Run check" }).click();
  await expect(step).toHaveAttribute("data-step", "post-mortem", { timeout: 15_000 });
  await step.getByRole("button", { name: "Done", exact: true }).click();
  await expect(operator.getByTestId("timeline")).toContainText("RB-05 Smart contract emergency pause completed", { timeout: 15_000 });

  await operator.getByRole("button", { name: "Resolved", exact: true }).click();
  await expect(operator.getByTestId("incident-status").first()).toHaveText("Resolved", { timeout: 15_000 });
  // Resolved: no longer announced (other open incidents may still be).
  await expect(operator.getByTestId("incident-banner").filter({ hasText: "e2e drill: funds leaving the escrow" })).toHaveCount(0);
  await operator.getByRole("link", { name: "Write the post-mortem" }).click();
  await operator.waitForURL(/\/postmortem$/);
  const markdown = await operator.getByLabel("Post-mortem (Markdown)").inputValue();
  const order = [
    "Is the escrow still trading?: checked (pass — paused() = false)",
    "Pause the contract immediately: executed",
    "Verify the pause is active: checked (pass — paused() = true)",
    "Unpause (only after thorough verification): waiting",
    "Unpause (only after thorough verification): executed",
    "Verify trading resumed: checked (pass — paused() = false)",
  ].map((line) => markdown.indexOf(line));
  expect(order.every((i) => i > 0), markdown).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  await operator.getByRole("button", { name: "Save draft" }).click();
  await expect(operator.getByText("Saved.")).toBeVisible();
  await operator.reload();
  await operator.getByRole("button", { name: "Publish" }).click();
  await expect(operator.getByTestId("postmortem-text")).toBeVisible({ timeout: 15_000 });
  const exported = await operator.request.get(`${warRoom}/postmortem/export`);
  expect(exported.headers()["content-disposition"]).toMatch(/attachment; filename="INC-\d+-postmortem.md"/);
  expect(await exported.text()).toContain("Pause the contract immediately: executed");
  await operator.screenshot({ path: "test-results/screenshots/phone-postmortem.png", fullPage: true });
  await operator.goto(warRoom);
  await expect(operator.getByTestId("incident-status").first()).toHaveText("Post-mortem done");
  await operator.context().close();

  // What everyone else sees afterwards, on a desktop: the closed war room and the incident list.
  const viewer = await pageAs(browser, "viewer");
  await viewer.goto(warRoom);
  await expect(viewer.getByTestId("timeline")).toContainText("Post-mortem published by operator@opsdeck.local");
  await expect(viewer.getByRole("button", { name: "Resolved", exact: true })).toHaveCount(0);
  await viewer.screenshot({ path: "test-results/screenshots/desktop-war-room-closed.png", fullPage: true });
  await viewer.goto("/incidents");
  await viewer.screenshot({ path: "test-results/screenshots/desktop-incidents.png", fullPage: true });
  await viewer.context().close();
});

test("[FAUCET][PAUSE]: the faucet guide's first move — an operator pauses, the public API answers 503, resume takes requests again", async ({ browser, playwright, baseURL }) => {
  const operator = await pageAs(browser, "operator", PHONE);
  const publicClient = await playwright.request.newContext({ baseURL });
  await operator.goto("/faucet");
  await operator.getByLabel("Why").first().fill("e2e drill: faucet under attack");
  await operator.getByRole("button", { name: "Pause the faucet" }).click();
  await expect(operator.getByTestId("faucet-paused")).toContainText("e2e drill: faucet under attack");
  await operator.screenshot({ path: "test-results/screenshots/phone-faucet-paused.png", fullPage: true });
  const paused = await publicClient.post("/api/faucet", { data: { chain: "xrpl", address: "rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe" }, headers: { "x-forwarded-for": "198.18.9.1" } });
  expect(paused.status()).toBe(503);
  expect((await paused.json()).code).toBe("FAUCET_PAUSED");
  await operator.getByRole("button", { name: "Resume the faucet" }).click();
  await expect(operator.getByTestId("faucet-paused")).toHaveCount(0);
  const running = await publicClient.post("/api/faucet", { data: { chain: "xrpl", address: "rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe" }, headers: { "x-forwarded-for": "198.18.9.2" } });
  expect(running.status()).toBe(202);
  await publicClient.dispose();
  await operator.context().close();
});
