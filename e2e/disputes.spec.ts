import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./support/roles";
import { snap } from "./support/screenshots";
import { openDisputeOnChain, orderStatusOnChain } from "./support/chains";

// The dispute desk end to end against the local chain: a dispute opened on chain reaches the
// queue through the event sync, an agent claims it, adds evidence and resolves it on chain.
// Desktop and phone run at once: each uses its own dev users (slot) so their transactions never
// share a nonce.

// Chain transactions and the sync's few seconds add up: more room than the default 30 s.
test.describe.configure({ timeout: 90_000 });

const slotFor = (project: string, n: number) => (project === "phone" ? 3 : 0) + n;

/** Reloads the queue until the dispute's row is there (the sync runs every few seconds). */
async function waitForRow(page: Page, orderId: number) {
  const row = page.locator(`[data-testid="dispute-row"][data-ref$="-${orderId}"]`);
  await expect(async () => {
    await page.goto("/disputes?sort=age");
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  return row;
}

test.describe("[DISPUTES][DESK]", () => {
  test.use({ storageState: storageStateFor("support") });

  test("an agent claims a dispute from the queue, adds evidence and refunds the buyer on chain", async ({ page }, testInfo) => {
    const orderId = await openDisputeOnChain({ amount: 180, slot: slotFor(testInfo.project.name, 0) });
    const row = await waitForRow(page, orderId);
    await expect(row).toContainText("180 USDT");
    await snap(page, testInfo, "disputes-queue");

    await row.getByRole("button", { name: `Claim dispute #${orderId}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Claimed: it is yours now." })).toBeVisible();
    await expect(row.getByTestId("dispute-assignee")).toHaveText("You");

    await row.getByRole("link", { name: `#${orderId}` }).click();
    await expect(page.getByRole("heading", { name: `Dispute #${orderId}` })).toBeVisible();
    await expect(page.getByTestId("dispute-assignee")).toContainText("Worked by you");
    await expect(page.getByRole("list", { name: "Order events" })).toContainText("Dispute opened");

    // Evidence: a malformed CID is refused with a reason; a good one becomes a link.
    await page.getByLabel("Note").fill("Buyer's bank statement: no transfer to the seller");
    await page.getByLabel(/IPFS CIDs/).fill("not-a-cid");
    await page.getByRole("button", { name: "Add to the dispute" }).click();
    await expect(page.getByText(/Not a CID: not-a-cid/)).toBeVisible();
    await page.getByLabel(/IPFS CIDs/).fill("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG");
    await page.getByRole("button", { name: "Add to the dispute" }).click();
    await expect(page.getByRole("link", { name: "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG" })).toHaveAttribute("href", /\/ipfs\/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG$/);

    // Resolving without a decision or a reason changes nothing and says what is missing.
    await page.getByRole("button", { name: "Resolve on chain" }).click();
    await expect(page.getByRole("radio", { name: /The buyer/ })).toHaveJSProperty("validity.valueMissing", true);
    await page.getByRole("radio", { name: /The buyer/ }).check();
    await page.getByLabel(/^Why/).fill("too short");
    await page.evaluate(() => document.querySelectorAll("textarea[minlength]").forEach((t) => t.removeAttribute("minlength")));
    await page.getByRole("button", { name: "Resolve on chain" }).click();
    await expect(page.getByText("Say why, for the parties and the audit (at least 10 characters)")).toBeVisible();
    expect(await orderStatusOnChain(orderId)).toBe(4); // still disputed

    await page.getByLabel(/^Why/).fill("Seller never delivered; the bank statement (CID above) shows no payment received");
    await page.getByRole("button", { name: "Resolve on chain" }).click();
    await expect(page.getByTestId("resolution-state")).toContainText("Resolved in favour of the buyer");
    await expect(page.getByTestId("resolution-state")).toContainText(/0x[0-9a-f]{64}/);
    expect(await orderStatusOnChain(orderId)).toBe(5);
    // The sync brings the outcome back: the page refreshes itself until the status changes.
    await expect(page.getByText("Resolved · buyer").first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("list", { name: "Evidence and notes" })).toContainText("Resolved in favour of the buyer");
    await snap(page, testInfo, "dispute-resolved");
  });

  test("a large resolution waits for an approver, who sends it", async ({ page, browser }, testInfo) => {
    const orderId = await openDisputeOnChain({ amount: 7_500, slot: slotFor(testInfo.project.name, 1), by: "seller" });
    await waitForRow(page, orderId);
    await page.goto(`/disputes/evm-31337-${orderId}`);
    await expect(page.getByText("Above 5,000 USDT (or in another token): an approver confirms before anything is sent.")).toBeVisible();
    await page.getByRole("radio", { name: /The seller/ }).check();
    await page.getByLabel(/^Why/).fill("Courier confirms delivery; the buyer's claim is contradicted by the tracking");
    await page.getByRole("button", { name: "Resolve on chain" }).click();
    await expect(page.getByTestId("resolution-state")).toContainText("waiting for an approver");
    expect(await orderStatusOnChain(orderId)).toBe(4);
    await snap(page, testInfo, "dispute-waiting-approval");

    const approver = await browser.newContext({ storageState: storageStateFor("approver"), viewport: testInfo.project.use.viewport ?? undefined });
    const approverPage = await approver.newPage();
    // The overview lists it under "Waiting for my approval".
    await approverPage.goto("/");
    await expect(approverPage.getByTestId("overview-waiting")).toContainText(`Resolve dispute #${orderId}`);
    await approverPage.goto(await page.getByRole("link", { name: "Open the request" }).getAttribute("href").then((h) => h!));
    await expect(approverPage.getByText(`Resolve dispute #${orderId}`).first()).toBeVisible();
    await snap(approverPage, testInfo, "dispute-approval-request");
    // The approver reads the dispute itself (evidence, both parties) before deciding.
    await approverPage.getByRole("link", { name: new RegExp(`Dispute #${orderId}: order, evidence`) }).click();
    await expect(approverPage.getByRole("heading", { name: `Dispute #${orderId}` })).toBeVisible();
    await expect(approverPage.getByTestId("resolution-state")).toContainText("waiting for an approver");
    await approverPage.goBack();
    await approverPage.getByRole("button", { name: "Approve" }).click();
    await expect(approverPage.getByText(/Approved and carried out/)).toBeVisible();
    await approver.close();

    expect(await orderStatusOnChain(orderId)).toBe(6);
    await page.reload();
    await expect(page.getByTestId("resolution-state")).toContainText("Resolved in favour of the seller");
  });

  test("the RB-04 watch charts the rate against the alert line and lists repeat offenders", async ({ page }, testInfo) => {
    // The overview's tile leads here.
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Dispute queue" })).toBeVisible();
    await page.goto("/disputes/watch");
    await expect(page.getByTestId("dispute-rate-24h")).toHaveText(/^\d+(\.\d)? %$/);
    await expect(page.getByTestId("dispute-trend-summary")).toContainText("Last 30 days");
    await expect(page.locator(".recharts-reference-line")).toHaveCount(1);
    await snap(page, testInfo, "disputes-watch");
    await page.goto("/disputes/arbitrators");
    await expect(page.getByTestId("arbitrator").first()).toBeVisible();
    await expect(page.getByTestId("arbitrator-summary")).toContainText(/\d+ active of \d+/);
    await snap(page, testInfo, "disputes-arbitrators");
  });
});

test.describe("[DISPUTES][BLACKLIST]", () => {
  test.use({ storageState: storageStateFor("support") });

  test("blacklisting a party needs an approver; once approved the wallet is flagged in the queue", async ({ page, browser }, testInfo) => {
    const orderId = await openDisputeOnChain({ amount: 60, slot: slotFor(testInfo.project.name, 2) });
    const row = await waitForRow(page, orderId);
    await row.getByRole("link", { name: `#${orderId}` }).click();
    const seller = (await page.getByTestId("party-seller").locator("xpath=..").locator("code").first().textContent())!.trim();
    await page.getByTestId("party-seller").locator("xpath=..").getByRole("link", { name: "Blacklist this wallet…" }).click();
    await expect(page.getByLabel("Wallet (EVM 0x… or XRPL r…)")).toHaveValue(seller);
    await page.evaluate(() => document.querySelectorAll("textarea[minlength]").forEach((t) => t.removeAttribute("minlength")));
    await page.getByLabel(/^Reason/).fill("short");
    await page.getByRole("button", { name: "Ask to blacklist" }).click();
    await expect(page.getByText("Say why (at least 10 characters)")).toBeVisible();
    await page.getByLabel(/^Reason/).fill(`Repeat disputes with fake receipts (${testInfo.project.name} run)`);
    await page.getByRole("button", { name: "Ask to blacklist" }).click();
    const follow = page.getByRole("link", { name: "Follow the request" });
    await expect(follow).toBeVisible();
    await snap(page, testInfo, "blacklist-requested");

    const approver = await browser.newContext({ storageState: storageStateFor("approver"), viewport: testInfo.project.use.viewport ?? undefined });
    const approverPage = await approver.newPage();
    await approverPage.goto((await follow.getAttribute("href"))!);
    await approverPage.getByRole("button", { name: "Approve" }).click();
    await expect(approverPage.getByText(/Approved and carried out/)).toBeVisible();
    await approver.close();

    await page.goto("/disputes?sort=age");
    await expect(page.locator(`[data-testid="dispute-row"][data-ref$="-${orderId}"]`).getByTestId("blacklisted-flag")).toBeVisible();
    await page.goto("/disputes/blacklist");
    await expect(page.getByTestId("blacklist-entry").filter({ hasText: seller })).toContainText(`Repeat disputes with fake receipts (${testInfo.project.name} run)`);
  });
});
