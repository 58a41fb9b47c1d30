import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/roles";
import { snap } from "./support/screenshots";

test.describe("[CHAINS][PAGE]", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("an operator sees both chains answering, the escrow synced, and the emergency brake first", async ({ page }, testInfo) => {
    await page.goto("/chains");
    await expect(page.getByRole("heading", { name: "Chains", level: 1 })).toBeVisible();
    await expect(page.getByTestId("chain-status-evm")).toHaveText("OK");
    await expect(page.getByTestId("chain-status-xrpl")).toHaveText("OK");
    await expect(page.getByTestId("endpoint-evm-primary").getByText("In use")).toBeVisible();
    await expect(page.getByTestId("endpoint-xrpl-fallback")).toBeVisible();
    // The generated history (40 orders) reaches PostgreSQL through the event sync (the dispute
    // specs, running alongside, add orders of their own: at least the history's count).
    await expect(async () => {
      await page.reload();
      const synced = Number((await page.getByTestId("sync-orders").textContent({ timeout: 1_000 }))?.split(" ·")[0]);
      expect(synced).toBeGreaterThanOrEqual(30);
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole("button", { name: "Pause the escrow now" })).toBeVisible();
    // On a phone the contract card (with the brake) comes before everything else.
    const brake = await page.getByRole("button", { name: "Pause the escrow now" }).boundingBox();
    const evmCard = await page.getByTestId("chain-status-evm").boundingBox();
    expect(brake && evmCard && (testInfo.project.name === "phone" ? brake.y < evmCard.y : true)).toBe(true);
    await snap(page, testInfo, "chains-operator");
  });
});

test.describe("[CHAINS][PAGE][VIEWER]", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("a viewer reads chain health but is offered no chain action", async ({ page }, testInfo) => {
    await page.goto("/chains");
    await expect(page.getByTestId("escrow-paused")).toBeVisible();
    await expect(page.getByRole("button", { name: "Pause the escrow now" })).toHaveCount(0);
    await expect(page.getByText("Switch endpoint (RB-07)")).toHaveCount(0);
    await expect(page.getByText("Release a paid order to its seller")).toHaveCount(0);
    await snap(page, testInfo, "chains-viewer");
  });
});

test("[CHAINS][PAGE][SIGNED-OUT]: the chains page asks for a sign-in", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/chains");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});
