import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Runs against a production build started by scripts/test.ts (E2E_BASE_URL). Chromium is Debian's
// when present (scripts/lib/browser.ts installs it otherwise); Playwright's own download is not
// reachable on these machines.
const baseURL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000";
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const launchOptions = {
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-report.json" }]],
  use: { baseURL, trace: "retain-on-failure", screenshot: "only-on-failure", launchOptions },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    // Checks that need no particular screen (HTTP status, headers, a second server, single sign-on
    // against a provider of their own): run once, not per screen size.
    { name: "single", dependencies: ["setup"], testMatch: /\.single\.spec\.ts/ },
    // Drills change what every page shows (the escrow's emergency pause, an RPC endpoint pinned):
    // they run after the screen-size projects, once, so no other test sees their state.
    { name: "drills", dependencies: ["desktop", "phone"], testMatch: /\.drill\.spec\.ts/ },
    {
      name: "desktop",
      dependencies: ["setup"],
      testIgnore: [/auth\.setup\.ts/, /\.single\.spec\.ts/, /\.drill\.spec\.ts/],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 }, launchOptions },
    },
    {
      name: "phone",
      dependencies: ["setup"],
      testIgnore: [/auth\.setup\.ts/, /\.single\.spec\.ts/, /\.drill\.spec\.ts/],
      use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, launchOptions },
    },
  ],
});
