import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { Wallet as XrplWallet } from "xrpl";
import { DEMO_PASSWORD, storageStateFor, type TRoleAccount } from "./support/roles";
import { snap } from "./support/screenshots";

// The treasury end to end on the dev ledger: balances read by the job, an address-book entry
// approved, a transfer approved by two approvers (with their passwords: it is critical) and
// confirmed with its hash. Desktop and phone run at once, each to a destination of its own.

test.describe.configure({ timeout: 120_000 });

async function pageAs(browser: Browser, role: TRoleAccount, testInfo: TestInfo): Promise<Page> {
  const use = testInfo.project.use;
  const context = await browser.newContext({ storageState: storageStateFor(role), viewport: use.viewport ?? undefined, isMobile: use.isMobile, hasTouch: use.hasTouch, baseURL: use.baseURL });
  return context.newPage();
}

async function approve(browser: Browser, account: TRoleAccount, testInfo: TestInfo, requestUrl: string, expected: string | RegExp, { critical }: { critical: boolean }) {
  const page = await pageAs(browser, account, testInfo);
  await page.goto(requestUrl);
  if (critical) await page.getByLabel("Confirm with your password or authenticator code").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(expected)).toBeVisible({ timeout: 30_000 });
  await page.context().close();
}

test("[TREASURY][BALANCES]: the followed wallets show their balances, and an account opens its history chart", async ({ browser }, testInfo) => {
  const page = await pageAs(browser, "treasury", testInfo);
  await page.goto("/treasury");
  // The job lists the configured wallets and reads them within seconds of start-up.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("treasury-account").filter({ hasText: "Treasury wallet" }).getByTestId("treasury-balance")).toContainText(/[\d,]+(\.\d+)? XRP/, { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByRole("list", { name: "EVM accounts" })).toContainText("Escrow contract USDT");
  await snap(page, testInfo, "treasury-accounts");

  await page.getByTestId("treasury-account").filter({ hasText: "Treasury wallet" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/treasury\/accounts\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("account-spendable")).toContainText("XRP");
  await expect(page.getByTestId("balance-chart-summary")).toContainText(/Last 7 days: [\d,.]+ XRP spendable now/);
  await page.getByRole("link", { name: "24 h" }).click();
  await expect(page.getByTestId("balance-chart-summary")).toContainText("Last 24 h");
  await snap(page, testInfo, "treasury-account");
  await page.context().close();
});

test("[TREASURY][TRANSFER]: an address-book entry and a transfer, each approved, go out once and show the hash", async ({ browser }, testInfo) => {
  const destination = XrplWallet.generate().address;
  const label = `Exchange ${testInfo.project.name} ${destination.slice(1, 6)}`;
  const treasury = await pageAs(browser, "treasury", testInfo);

  // 1. The destination, approved by one approver.
  await treasury.goto("/treasury/transfers");
  const book = treasury.locator("form", { has: treasury.getByRole("button", { name: "Ask for approval" }) }).filter({ has: treasury.getByLabel("Destination tag (XRPL, optional)") });
  await book.getByLabel("Address").fill(destination);
  await book.getByLabel("Destination tag (XRPL, optional)").fill("4242");
  await book.getByLabel("Name").fill(label);
  await book.getByLabel(/Why/).fill("deposit address confirmed by phone");
  await book.getByRole("button", { name: "Ask for approval" }).click();
  await expect(book.getByText("Request sent: waiting for 1 approval.")).toBeVisible();
  await book.getByRole("link", { name: "Follow the request" }).click();
  await expect(treasury).toHaveURL(/\/approvals\/[0-9a-f-]{36}$/);
  await approve(browser, "approver", testInfo, treasury.url(), "You approved this request. Approved and carried out.", { critical: false });

  // 2. The transfer: 25 XRP from the treasury wallet, two approvers.
  await treasury.goto("/treasury/transfers");
  await expect(treasury.getByTestId("treasury-destination").filter({ hasText: label })).toContainText("tag 4242");
  const form = treasury.locator("form", { has: treasury.getByLabel("From") });
  await form.getByLabel("From").selectOption({ label: (await form.getByLabel("From").locator("option", { hasText: "Treasury wallet" }).first().textContent())! });
  await form.getByLabel("To (address book)").selectOption({ label: (await form.getByLabel("To (address book)").locator("option", { hasText: label }).textContent())! });
  await form.getByLabel(/Amount/).fill("25");
  await form.getByLabel("Memo (optional)").fill("e2e settlement");
  await form.getByLabel(/Why/).fill("weekly settlement to the exchange");
  await form.getByRole("button", { name: "Ask for approval" }).click();
  await expect(form.getByText("Request sent: waiting for 2 approvals.")).toBeVisible();
  const transfer = treasury.getByTestId("treasury-transfer").filter({ hasText: destination });
  await expect(transfer).toHaveAttribute("data-state", "waiting");
  await expect(transfer).toContainText("0 of 2 approvals");
  await snap(treasury, testInfo, "treasury-transfers");
  await transfer.getByRole("link").click();
  await expect(treasury).toHaveURL(/\/approvals\/[0-9a-f-]{36}$/);
  const requestUrl = treasury.url();
  await expect(treasury.getByRole("heading", { name: /^Send 25 XRP from Treasury wallet/ })).toBeVisible();

  await approve(browser, "approver", testInfo, requestUrl, "You approved this request.", { critical: true });
  await approve(browser, "approver2", testInfo, requestUrl, "You approved this request. Approved and carried out.", { critical: true });

  await treasury.goto("/treasury/transfers");
  await expect(transfer).toHaveAttribute("data-state", "confirmed");
  await expect(transfer.getByTestId("transfer-hash")).toHaveText(/^[0-9A-F]{64}$/);
  await treasury.context().close();
});

test("[TREASURY][REFUSALS]: a malformed destination and a cross-chain transfer are refused with a message, nothing is asked", async ({ browser }, testInfo) => {
  const treasury = await pageAs(browser, "treasury", testInfo);
  await treasury.goto("/treasury/transfers");
  const book = treasury.locator("form", { has: treasury.getByLabel("Destination tag (XRPL, optional)") });
  await book.getByLabel("Address").fill("rNotAnAddress");
  await book.getByLabel("Name").fill("Typo");
  await book.getByLabel(/Why/).fill("checking the form refuses it");
  await book.getByRole("button", { name: "Ask for approval" }).click();
  await expect(book.getByText("Enter an XRPL classic address (r…)")).toBeVisible();
  // What was typed stays, to be corrected.
  await expect(book.getByLabel("Name")).toHaveValue("Typo");
  await treasury.context().close();
});

test("[TREASURY][RECONCILIATION]: the fee reconciliation shows days, a chart and a CSV export", async ({ browser }, testInfo) => {
  const auditor = await pageAs(browser, "auditor", testInfo);
  await auditor.goto("/treasury/reconciliation");
  await expect(auditor.getByRole("heading", { name: /Fee reconciliation/ })).toBeVisible();
  await snap(auditor, testInfo, "treasury-reconciliation");
  const csv = await auditor.request.get("/api/treasury/reconciliation");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\n")[0]).toContain("day");
  await auditor.context().close();

  // Support does not see treasury money, by page or by export.
  const support = await pageAs(browser, "support", testInfo);
  expect((await support.request.get("/api/treasury/reconciliation")).status()).toBe(403);
  await support.context().close();
});

test("[SECRETS]: an overdue secret's rotation is recorded and its due date moves", async ({ browser }, testInfo) => {
  // Desktop and phone at once: each records a secret of its own.
  const [secretId, name] = testInfo.project.name === "phone" ? ["ipfs-api-key", "IPFS pinning API key"] : ["redis-password", "Redis password"];
  const operator = await pageAs(browser, "operator", testInfo);
  await operator.goto("/secrets");
  const row = operator.locator(`[data-testid="secret-row"][data-secret="${secretId}"]`);
  await expect(row.getByTestId("secret-state")).toHaveText("Overdue");
  await expect(row).toContainText("never recorded");
  const form = operator.locator("form", { has: operator.getByRole("button", { name: "Record rotation" }) });
  await form.getByLabel("Secret").selectOption(secretId);
  await form.getByLabel("What was done").fill("rotated during the e2e drill, services restarted");
  await form.getByRole("button", { name: "Record rotation" }).click();
  await expect(form.getByText("Recorded: the next due date has moved.")).toBeVisible();
  await expect(row.getByTestId("secret-state")).toHaveText("OK");
  await expect(row).toContainText("by operator@opsdeck.local");
  await expect(operator.getByRole("list", { name: "Recent rotations" })).toContainText(name);
  await snap(operator, testInfo, "secrets");
  await operator.context().close();
});
