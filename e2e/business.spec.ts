import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/roles";
import { snap } from "./support/screenshots";

// The morning business page against the e2e server's generated order history (30 days of
// orders on the local escrow): every chart says its numbers in words, and each table downloads.

test.describe("[BUSINESS][METRICS]", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("a viewer reads 30 days of orders, volume, wallets, disputes and chains, and downloads a CSV", async ({ page }, testInfo) => {
    await page.goto("/business");
    await expect(page.getByRole("heading", { name: "Business metrics", level: 1 })).toBeVisible();

    await expect(page.getByTestId("tile-orders")).toContainText(/[1-9]\d*/);
    await expect(page.getByTestId("tile-completion")).toContainText(/\d+(\.\d)? %/);
    await expect(page.getByTestId("business-orders-summary")).toHaveText(/^Last 30 days: [1-9][\d,]* orders created, [1-9][\d,]* of them completed; busiest day \d{4}-\d{2}-\d{2} with [1-9]\d* orders?$/);
    await expect(page.getByTestId("business-volume-summary-USDT")).toContainText(/Last 30 days: [1-9][\d,.]* USDT volume from completed orders, [\d,.]+ USDT in fees/);
    await expect(page.getByTestId("business-growth-summary")).toHaveText(/^Last 30 days: [\d,]+ new wallets?; [1-9][\d,]* wallets? in all \([\d,]+ before\)$/);
    await expect(page.getByTestId("dispute-trend-summary")).toHaveText(/^Last 30 days: peak \d+(\.\d)? %, \d+ days? above the \d+(\.\d+)? % alert line$/);
    await expect(page.getByTestId("business-chains-summary")).toContainText(/evm:\d+: [1-9][\d,]* orders? \(\d+ %\), [\d,.]+ USDT/);
    await expect(page.getByTestId("top-seller").filter({ visible: true }).first()).toContainText("USDT");

    const href = await page.getByRole("link", { name: "Top sellers CSV" }).getAttribute("href");
    expect(href).toBe("/api/business/sellers");
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trimEnd().split("\n");
    expect(lines[0]).toBe("rank,chain,seller,token,completed_orders,volume,disputed_orders");
    expect(lines[1]).toMatch(/^1,evm:\d+,0x[0-9a-f]{40},USDT,[1-9]\d*,[1-9][\d.]*,\d+$/);

    await snap(page, testInfo, "business");
  });
});
