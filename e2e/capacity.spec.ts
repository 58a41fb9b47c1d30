import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/roles";
import { snap } from "./support/screenshots";

// /capacity reads real numbers: the e2e database's connections and size, the disk the server runs
// on, the seeded catalog's RTO/RPO and the backup targets the migration links to PostgreSQL.

test.describe("[CAPACITY]", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("a viewer sees each resource with its numbers, the growth table and the recovery objectives", async ({ page }, testInfo) => {
    await page.goto("/capacity");
    await expect(page.getByRole("heading", { name: "Capacity", level: 1 })).toBeVisible();

    const resources = page.getByRole("list", { name: "Resources" });
    await expect(resources.getByTestId("resource-db-connections").getByTestId("resource-usage")).toHaveText(/^\d+ connections?$/);
    await expect(resources.getByTestId("resource-db-connections")).toContainText(/of \d+ max_connections/);
    await expect(resources.getByTestId("resource-disk").getByTestId("resource-usage")).toHaveText(/^[\d.]+ (MB|GB|TB) used$/);
    await expect(resources.getByTestId("resource-db-storage").getByTestId("resource-usage")).toHaveText(/^[\d.]+ (KB|MB|GB)$/);
    // Every page load went through the server, so the latency histogram has traffic.
    await expect(resources.getByTestId("resource-api-latency").getByTestId("resource-usage")).toHaveText(/^\d+ ms$/);
    await expect(resources.getByRole("img", { name: /^Disk: / })).toBeVisible();

    await expect(page.getByTestId("growth-table")).toContainText("Database storage");
    await expect(page.getByTestId("daily-orders")).toHaveText(/^[\d.]+$/);

    const objectives = page.getByTestId("objectives-table");
    await expect(objectives.getByTestId("objective-postgres").getByTestId("rto")).toHaveText("30 min");
    await expect(objectives.getByTestId("objective-postgres").getByTestId("rpo")).toHaveText("5 min");
    await expect(objectives.getByTestId("objective-api").getByTestId("rto")).toHaveText("15 min");
    await expect(objectives.getByTestId("objective-redis").getByTestId("rpo")).toHaveText("1 h");
    const postgres = page.getByTestId("datastore-postgres");
    await expect(postgres.getByTestId("backup-vs-rpo")).toHaveCount(2);
    await expect(postgres.getByTestId("rpo-state").first()).toBeVisible();
    await snap(page, testInfo, "capacity");
  });
});

test.describe("[CAPACITY][INCIDENTS]", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("the war room holds the time since detection against the affected service's RTO, and stops it at resolution", async ({ page }, testInfo) => {
    // The e2e database has no incident of its own: declare a minor one on the API, then resolve it
    // so no other test sees it open.
    await page.goto("/incidents/new");
    await page.getByLabel("What is wrong").fill(`e2e capacity ${testInfo.project.name}: API slow`);
    await page.getByLabel(/^P3 — /).check();
    await page.getByRole("checkbox", { name: /^API\b/ }).check();
    await page.getByRole("button", { name: "Declare", exact: true }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);

    const clock = page.getByTestId("rto-clock-api");
    await expect(clock).toContainText("/ RTO 15 min");
    await expect(clock).toContainText("within RTO");
    await expect(clock).toHaveAttribute("data-state", "ok");
    await snap(page, testInfo, "war-room-rto");

    await page.getByRole("button", { name: "Resolved", exact: true }).click();
    await expect(page.getByTestId("incident-status").first()).toHaveText("Resolved");
    await expect(clock).toContainText("recovered within RTO");
  });
});
