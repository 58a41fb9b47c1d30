import { expect, test, type Browser, type TestInfo } from "@playwright/test";
import { generate } from "otplib";
import { storageStateFor } from "./support/roles";
import { snap } from "./support/screenshots";
import { createUserViaForm } from "./support/users";

async function newPage(browser: Browser, testInfo: TestInfo, storageState?: string) {
  const { viewport, isMobile, hasTouch } = testInfo.project.use;
  const context = await browser.newContext({ storageState, viewport: viewport ?? undefined, isMobile, hasTouch });
  return context.newPage();
}

test("[AUTH][MFA]: a user turns on two-step sign-in; from then on signing in asks for the code", async ({ browser }, testInfo) => {
  const email = `mfa-${testInfo.project.name}-${Date.now()}@corp.example`;
  const password = "a-long-password-for-mfa";

  const admin = await newPage(browser, testInfo, storageStateFor("admin"));
  await createUserViaForm(admin, { name: "Mo Factor", email, password, role: "Viewer", reason: "needs to read dashboards" });
  await admin.context().close();

  const page = await newPage(browser, testInfo);
  const signIn = async () => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  await signIn();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  await page.goto("/account/security");
  await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
  const secret = (await page.getByTestId("mfa-secret").textContent())!.trim();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await snap(page, testInfo, "mfa-setup");
  await page.getByLabel("2. Enter the 6-digit code it shows").fill("000000" === (await generate({ secret })) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("That code is not right; enter the current one")).toBeVisible();
  await page.getByLabel("2. Enter the 6-digit code it shows").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText(/On since/)).toBeVisible();

  await page.context().clearCookies();
  await signIn();
  await expect(page.getByRole("alert").filter({ hasText: "Enter the 6-digit code from your authenticator app." })).toBeVisible();
  await page.getByLabel("Authenticator code").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.context().close();
});
