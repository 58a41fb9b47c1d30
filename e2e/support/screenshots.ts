import path from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";

/**
 * Saves a full-page screenshot per project for people to look at (test-results/screenshots), and
 * checks the page does not scroll sideways: on a phone that hides buttons off screen.
 */
export async function snap(page: Page, testInfo: TestInfo, name: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} is wider than the screen`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join("test-results", "screenshots", `${testInfo.project.name}-${name}.png`), fullPage: true });
}
