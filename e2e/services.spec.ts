import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/roles";
import { snap } from "./support/screenshots";

// The demo catalog points at what really runs (OpsDeck, its database, Redis, the local chains) and
// at two services that are down on purpose (IPFS pinning, the CDN): the map shows real states.

test.describe("[SERVICES][MAP]", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("shows live states; on a phone a list, worst first; on a desktop the graph with the blast radius", async ({ page }, testInfo) => {
    await page.goto("/services");
    await expect(page.getByRole("heading", { name: "Services", level: 1 })).toBeVisible();
    const isPhone = testInfo.project.name === "phone";
    if (isPhone) {
      const list = page.getByRole("list", { name: "Services by severity" });
      // The probes run within seconds of start; reload until the down-on-purpose services show.
      await expect(async () => {
        await page.reload();
        await expect(list.getByTestId("service-row-ipfs").getByText("Down")).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      await expect(list.getByTestId("service-row-xrpl-node").getByText("OK")).toBeVisible();
      // Worst first: the first row is a service that is down.
      await expect(list.getByRole("listitem").first().getByText("Down")).toBeVisible();
      await snap(page, testInfo, "services-list");
    } else {
      await expect(async () => {
        await page.reload();
        await expect(page.getByTestId("map-node-ipfs")).toHaveAccessibleName(/IPFS pinning: Down/, { timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      await expect(page.getByTestId("map-node-rpc-primary")).toHaveAccessibleName(/RPC node \(primary\): OK, critical path/);
      await page.getByTestId("map-node-postgres").click();
      const panel = page.getByTestId("blast-radius");
      await expect(panel.getByText("Blast radius (4)")).toBeVisible();
      for (const name of ["API", "Event workers", "Timeout workers", "OpsDeck"]) await expect(panel.getByText(name, { exact: true })).toBeVisible();
      await expect(panel.getByText("All writes fail, reads degrade")).toBeVisible();
      await snap(page, testInfo, "services-map");
    }
  });

  test("a service's page shows its checks, latency chart and uptime", async ({ page }, testInfo) => {
    await page.goto("/services/xrpl-node");
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("service-status")).toHaveText("OK", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByText("validatedLedger")).toBeVisible();
    await expect(page.getByTestId("uptime-24h")).toHaveText(/%$/);
    await expect(page.getByRole("img", { name: "Probe latency over the last 24 hours" })).toBeVisible();
    await expect(page.getByText("Change this service")).toHaveCount(0);
    await snap(page, testInfo, "service-detail");
  });
});

test.describe("[OVERVIEW][SERVICES][ALERTS]", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("the overview lists the services that are not OK and the alerts firing, each linking to its page", async ({ page }, testInfo) => {
    await expect(async () => {
      await page.goto("/");
      await expect(page.getByTestId("overview-services").getByText("IPFS pinning")).toBeVisible({ timeout: 1_000 });
      // The rules job turns the down-on-purpose services into alerts within a round (30 s).
      await expect(page.getByTestId("overview-alerts").getByText(/IPFS pinning fails its health check/)).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    await page.getByRole("heading", { name: "Services" }).getByRole("link").click();
    await expect(page).toHaveURL(/\/services$/);
    await page.goto("/");
    await snap(page, testInfo, "overview");
  });
});

test.describe("[SERVICES][ADMIN]", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("an admin adds a service that depends on PostgreSQL; it appears and gets checked", async ({ page }, testInfo) => {
    const id = `${testInfo.project.name}-status-${Date.now().toString(36)}`;
    await page.goto("/services");
    await page.getByText("New service").click();
    await page.getByPlaceholder("e.g. payments-api").fill(id);
    await page.getByLabel("Name", { exact: true }).fill(`Status page ${testInfo.project.name}`);
    await page.getByRole("combobox", { name: /^Check/ }).selectOption("tcp");
    await page.getByRole("textbox", { name: /^Endpoint/ }).fill("127.0.0.1:9");
    await page.getByLabel("Owner", { exact: true }).fill("web");
    await page.getByLabel("What users notice when it fails").fill("Customers cannot see incident updates");
    await page.getByRole("checkbox", { name: "PostgreSQL" }).check();
    await page.getByRole("button", { name: "Add service" }).click();
    await expect(page.getByText("Added; its first check runs within seconds.")).toBeVisible();
    await page.goto(`/services/${id}`);
    await expect(page.getByRole("heading", { name: `Status page ${testInfo.project.name}` })).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("service-status")).toHaveText("Down", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole("link", { name: "PostgreSQL", exact: true })).toBeVisible();
  });

  test("bad input gets field messages", async ({ page }) => {
    await page.goto("/services");
    await page.getByText("New service").click();
    await page.getByPlaceholder("e.g. payments-api").fill("Bad Id!");
    await page.getByLabel("Name", { exact: true }).fill("x");
    await page.getByRole("combobox", { name: /^Check/ }).selectOption("postgres");
    await page.getByRole("textbox", { name: /^Endpoint/ }).fill("postgresql://app:pw@db/app");
    await page.getByLabel("Owner", { exact: true }).fill("ops");
    await page.getByLabel("What users notice when it fails").fill("things break");
    await page.getByRole("button", { name: "Add service" }).click();
    await expect(page.getByText("Lower-case letters, digits and dashes (2–40)")).toBeVisible();
    await expect(page.getByText("Put credentials in the environment and use env:NAME here")).toBeVisible();
  });
});
