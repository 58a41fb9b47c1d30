import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";

/** Saves a full-page screenshot per project for people to look at (test-results/screenshots). */
export async function snap(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: path.join("test-results", "screenshots", `${testInfo.project.name}-${name}.png`), fullPage: true });
}
