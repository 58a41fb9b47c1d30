import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/roles";
import { snap } from "./support/screenshots";
import { insertFiringAlert, resolveAlert, type TTestAlert } from "./support/alerts";

// The alerts page. Each test sends its own firing alert through the Alertmanager webhook (a unique
// name and fingerprint), so it holds up while other tests run and the server's rules job evaluates.

test.describe("[ALERTS][PAGE][OPERATOR]", () => {
  test.use({ storageState: storageStateFor("operator") });
  let alert: TTestAlert | undefined;
  test.afterEach(async ({ request }) => {
    if (alert) await resolveAlert(request, alert);
  });

  test("an operator sees a firing alert, silences it for an hour and sees it marked silenced", async ({ page, request }, testInfo) => {
    alert = await insertFiringAlert(request, `op-${testInfo.project.name}`);
    await page.goto("/alerts");
    await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
    const item = page.getByTestId("alerts-firing").getByTestId(`alert-${alert.fingerprint}`);
    await expect(item.getByRole("heading", { name: alert.name })).toBeVisible();
    await expect(item.getByText("critical", { exact: true })).toBeVisible();
    await expect(item.getByText("RB-02")).toBeVisible();
    await expect(item.getByTestId("silenced-badge")).toHaveCount(0);

    await item.locator("summary", { hasText: "Silence" }).click();
    await item.getByLabel("For").selectOption("60");
    await item.getByLabel("Why").fill("e2e: known disk cleanup in progress");
    await item.getByRole("button", { name: "Silence this alert" }).click();
    await expect(item.getByTestId("silenced-badge")).toBeVisible();
    await expect(item.getByText("e2e: known disk cleanup in progress")).toBeVisible();
    // Still firing: a silence mutes, it does not resolve.
    await expect(page.getByTestId("alerts-firing").getByTestId(`alert-${alert.fingerprint}`)).toBeVisible();
    await expect(item.getByRole("button", { name: "End the silence" })).toBeVisible();
    await snap(page, testInfo, "alerts-operator");
  });

  test("the filters narrow the lists by severity and status", async ({ page, request }, testInfo) => {
    alert = await insertFiringAlert(request, `filter-${testInfo.project.name}`);
    await page.goto("/alerts?severity=critical");
    await expect(page.getByTestId(`alert-${alert.fingerprint}`)).toBeVisible();
    await page.getByRole("navigation", { name: "Severity" }).getByRole("link", { name: "Info" }).click();
    await expect(page).toHaveURL(/severity=info/);
    await expect(page.getByTestId(`alert-${alert.fingerprint}`)).toHaveCount(0);
    await page.goto("/alerts?status=resolved");
    await expect(page.getByRole("heading", { name: /^Firing/ })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: /^Resolved in the last 24 h/ })).toBeVisible();
  });
});

test.describe("[ALERTS][PAGE][VIEWER]", () => {
  test.use({ storageState: storageStateFor("viewer") });
  let alert: TTestAlert | undefined;
  test.afterEach(async ({ request }) => {
    if (alert) await resolveAlert(request, alert);
  });

  test("a viewer reads alerts and the chart but is offered no silence", async ({ page, request }, testInfo) => {
    alert = await insertFiringAlert(request, `viewer-${testInfo.project.name}`);
    await page.goto("/alerts");
    const item = page.getByTestId(`alert-${alert.fingerprint}`);
    await expect(item.getByRole("heading", { name: alert.name })).toBeVisible();
    await expect(page.getByTestId("alert-chart-summary")).toContainText(/\d+ alerts? started/);
    await expect(page.locator("summary", { hasText: "Silence" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /silence/i })).toHaveCount(0);
    await snap(page, testInfo, "alerts-viewer");
  });
});

test.describe("[ALERTS][PAGE][DENIED]", () => {
  test.use({ storageState: storageStateFor("treasury") });

  test("treasury is not on the alerts rota: 403 'Not allowed'", async ({ page }) => {
    const response = await page.goto("/alerts");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  });
});

test("[ALERTS][PAGE][SIGNED-OUT]: the alerts page asks for a sign-in", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});
