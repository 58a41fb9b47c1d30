import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/roles";
import { snap } from "./support/screenshots";

// The morning routine: run the daily check, read it, and see what runs on a schedule.
test.describe("[DAILY]", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("an operator runs the daily check and reads every check's value, failing ones with their runbook", async ({ page }, testInfo) => {
    await page.goto("/daily");
    await page.getByRole("button", { name: "Run the daily check" }).click();
    await expect(page.getByText("Done: the run is at the top.")).toBeVisible({ timeout: 30_000 });
    const checks = page.getByTestId("daily-check");
    await expect(checks).toHaveCount(9);
    await expect(page.locator('[data-check="orders-24h"]').getByTestId("daily-check-value")).toHaveText(/^\d+ orders: \d+ completed, \d+ disputed, \d+ expired; volume (0|[\d,.]+ \S.*)$/);
    await expect(page.locator('[data-check="database-size"]').getByTestId("daily-check-value")).toHaveText(/^[\d.]+ (KB|MB|GB)$/);
    await expect(page.locator('[data-check="job-workers"]').getByTestId("daily-check-value")).toHaveText(/^\d+ running/);
    // A runbook link, where there is one, opens that runbook.
    for (const link of await page.getByTestId("daily-checks").getByRole("link", { name: /^Open runbook / }).all()) {
      await expect(link).toHaveAttribute("href", /^\/runbooks\/[\w-]+$/);
    }
    await expect(page.getByTestId("daily-run").first()).toContainText("by operator@opsdeck.local");
    await expect(page.getByTestId("daily-trend-summary")).toContainText(/\d+ of the last 30 days checked/);
    await snap(page, testInfo, "daily");
  });

  test("the scheduled tasks list OpsDeck's jobs with their last run and duration, and the platform's schedule with the next run", async ({ page }, testInfo) => {
    await page.goto("/daily/schedule");
    const probes = page.locator('[data-testid="job-row"][data-job="probes"]');
    await expect(probes).toContainText("every");
    await expect(probes.getByTestId("job-duration")).toHaveText(/^\d+ ms$/);
    // Rounds claimed across instances: the reconciler's latest round, run by this (the only) server.
    await expect(page.locator('[data-testid="job-row"][data-job="reconciler"]').getByTestId("job-latest-round")).toContainText("by this one");
    await expect(page.getByTestId("platform-task").filter({ hasText: "Database backup" })).toContainText("Next:");
    await expect(page.getByTestId("platform-task").filter({ hasText: "Daily health check" })).toContainText("Last:");
    await snap(page, testInfo, "scheduled-tasks");
  });
});
