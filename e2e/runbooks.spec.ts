import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/roles";
import { snap } from "./support/screenshots";

// A standalone run of RB-01 (API unresponsive). The demo catalog's API has no endpoint, so the
// check really fails and the run branches to the container checks; a second browser picks the
// run up where the first left it.

test.describe("[RUNBOOKS][RUN]", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("a decision branches on a failing check, and the run resumes in a second browser", async ({ page, browser }, testInfo) => {
    await page.goto("/runbooks");
    await expect(page.getByTestId("runbook-item")).toHaveCount(23);
    await snap(page, testInfo, "runbooks");
    await page.getByRole("link", { name: "RB-01 — API unresponsive" }).click();
    await page.waitForURL(/\/runbooks\/RB-01$/);
    await page.getByRole("button", { name: "Start a run" }).click();
    await page.waitForURL(/\/runbooks\/runs\/[0-9a-f-]{36}$/);
    const runUrl = page.url();

    const step = page.getByTestId("current-step");
    await expect(step).toHaveAttribute("data-step", "check-api");
    await step.getByRole("button", { name: "Run check" }).click();
    // Failed → the automatic decision took the "down" branch.
    await expect(page.getByTestId("current-step")).toHaveAttribute("data-step", "container-status", { timeout: 15_000 });
    const list = page.getByTestId("step-list");
    await expect(list.locator('[data-step="check-api"]').getByTestId("step-record")).toContainText("checked · fail — API has no endpoint to probe");
    await expect(list.locator('[data-step="api-down"]').getByTestId("step-record")).toContainText("check-api failed");
    await snap(page, testInfo, "runbook-run");

    // Another device: same run, same place.
    const other = await browser.newContext({ storageState: storageStateFor("operator"), viewport: testInfo.project.use.viewport ?? undefined });
    const second = await other.newPage();
    await second.goto(runUrl);
    await expect(second.getByTestId("current-step")).toHaveAttribute("data-step", "container-status");
    await second.getByLabel("Note (optional)").fill("container was Exited; restarted it");
    await second.getByRole("button", { name: "Done" }).click();
    await expect(second.getByTestId("current-step")).not.toHaveAttribute("data-step", "container-status", { timeout: 15_000 });
    const next = await second.getByTestId("current-step").getAttribute("data-step");
    await other.close();

    // The first browser follows by itself (it refreshes) and shows who did it.
    await expect(page.getByTestId("current-step")).toHaveAttribute("data-step", next!, { timeout: 15_000 });
    await expect(list.locator('[data-step="container-status"]').getByTestId("step-record")).toContainText("container was Exited; restarted it");

    await page.getByText("Abort this run").click();
    await page.getByLabel("Why abort").fill("e2e drill over");
    await page.getByRole("button", { name: "Abort the run" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("aborted", { timeout: 15_000 });
    await expect(page.getByTestId("run-finished")).toContainText("A finished run cannot change");
  });

  test("bad input on a step says what to fix and changes nothing", async ({ page }) => {
    await page.goto("/runbooks/RB-04");
    await page.getByRole("button", { name: "Start a run" }).click();
    await page.waitForURL(/\/runbooks\/runs\//);
    await page.getByText("Skip this step").click();
    await page.getByLabel("Why skip it").fill("no");
    // The browser's own minLength would stop it; the server is what we are testing.
    await page.getByLabel("Why skip it").evaluate((el) => el.removeAttribute("minlength"));
    await page.getByRole("button", { name: "Skip it" }).click();
    await expect(page.getByText("Say why you skip it (at least 5 characters)")).toBeVisible();
    await expect(page.getByTestId("current-step")).toHaveAttribute("data-step", /.+/);
    await expect(page.getByTestId("step-record")).toHaveCount(0);
    await page.getByText("Abort this run").click();
    await page.getByLabel("Why abort").fill("e2e drill over");
    await page.getByRole("button", { name: "Abort the run" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("aborted", { timeout: 15_000 });
  });
});
