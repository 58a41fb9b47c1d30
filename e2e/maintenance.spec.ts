import { expect, test, type Locator } from "@playwright/test";
import { emailFor, storageStateFor } from "./support/roles";
import { snap } from "./support/screenshots";

// The maintenance checklists end to end: an operator ticks the steps, writes a note and records
// it; the card then shows the next due date, "OK" and the entry in its history. Desktop and phone
// run at once against one database, so each records a checklist of its own: desktop the weekly
// one (every step), phone the monthly one (one step skipped, with the reason).

const DAY = 86_400_000;

/** The "Next due" value as a Date ("2026-11-30 00:00 UTC (in 6 d)"). */
async function nextDueOf(card: Locator): Promise<Date> {
  const text = (await card.getByTestId("maintenance-next-due").textContent()) ?? "";
  const match = /(\d{4}-\d\d-\d\d) (\d\d:\d\d) UTC/.exec(text);
  expect(match, text).not.toBeNull();
  return new Date(`${match![1]}T${match![2]}:00Z`);
}

test.describe("[MAINTENANCE][COMPLETE]: an operator records a checklist", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("ticks the steps, writes a note, and the card shows the new due date, OK and the history entry", async ({ page }, testInfo) => {
    const isPhone = testInfo.project.name === "phone";
    const taskId = isPhone ? "monthly" : "weekly";
    const note = `${testInfo.project.name} e2e ${Date.now().toString(36)}: ${isPhone ? "certbot renews itself, expiry checked" : "all green, disk at 61 %"}`;

    await page.goto("/maintenance");
    const card = page.locator(`[data-testid="maintenance-task"][data-task="${taskId}"]`);
    await expect(card).toBeVisible();
    const steps = card.getByRole("checkbox");
    const total = await steps.count();
    expect(total).toBe(isPhone ? 6 : 7);
    // Commands to copy sit beside the steps.
    await expect(card.getByRole("button", { name: "Copy command" }).first()).toBeVisible();

    // Nothing ticked: the form says so next to the steps and keeps the note.
    await card.getByLabel("Note").fill(note);
    await card.getByRole("button", { name: "Record completion" }).click();
    await expect(card.getByText("Tick at least one step you did")).toBeVisible();
    await expect(card.getByLabel("Note")).toHaveValue(note);

    for (let i = 0; i < total; i++) {
      // The phone skips step 2 (certificate renewal) and says why in the note.
      if (isPhone && i === 1) continue;
      await steps.nth(i).check();
    }
    await card.getByRole("button", { name: "Record completion" }).click();
    await expect(card.getByText("Recorded.")).toBeVisible();

    await expect(card.getByTestId("maintenance-state")).toHaveText("OK");
    await expect(card).toHaveAttribute("data-state", "ok");
    const entry = card.getByTestId("maintenance-completion").first();
    await expect(entry).toContainText(note);
    await expect(entry).toContainText(`by ${emailFor("operator")}`);
    await expect(entry).toContainText(isPhone ? `5 of 6 steps` : `7 of 7 steps`);
    if (isPhone) await expect(entry).toContainText("Skipped: 2. Renew certificates");
    await expect(card.getByTestId("maintenance-last-done")).toContainText(`by ${emailFor("operator")}`);

    // The next due date: a Monday (weekly) or a 1st (monthly) at 00:00 UTC, more than 2 days ahead.
    const due = await nextDueOf(card);
    expect(due.getTime()).toBeGreaterThan(Date.now() + 2 * DAY - 60_000);
    if (isPhone) expect(due.getUTCDate()).toBe(1);
    else expect(due.getUTCDay()).toBe(1);
    expect(due.getUTCHours()).toBe(0);
    await snap(page, testInfo, "maintenance");
  });
});

test.describe("[MAINTENANCE][ACCESS]: who sees what", () => {
  test.use({ storageState: storageStateFor("support") });

  test("support reads the checklists without the forms; a viewer is not allowed", async ({ page, browser }, testInfo) => {
    await page.goto("/maintenance");
    await expect(page.getByTestId("maintenance-task")).toHaveCount(2);
    await expect(page.getByRole("button", { name: "Record completion" })).toHaveCount(0);
    await expect(page.getByText("Only operators and admins record and assign checklists.").first()).toBeVisible();

    const viewer = await browser.newContext({ storageState: storageStateFor("viewer"), baseURL: testInfo.project.use.baseURL });
    const res = await viewer.request.get("/maintenance");
    expect(res.status()).toBe(403);
    await viewer.close();
  });
});
