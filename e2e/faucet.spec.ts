import { expect, test, type APIRequestContext } from "@playwright/test";
import { Wallet as XrplWallet } from "xrpl";
import { storageStateFor } from "./support/roles";
import { snap } from "./support/screenshots";

// The faucet end to end: the public API (as several clients, through X-Forwarded-For, which the
// e2e server trusts from loopback), the dispatcher paying on the dev ledger, and the page.
// Desktop and phone run at once, each from client addresses of its own.

test.describe.configure({ timeout: 90_000 });

const clientFor = (project: string, n: number) => `198.18.${project === "phone" ? 2 : 1}.${n}`;

async function ask(request: APIRequestContext, address: string, clientIp: string) {
  return request.post("/api/faucet", { data: { chain: "xrpl", address }, headers: { "x-forwarded-for": clientIp } });
}

async function waitUntilSent(request: APIRequestContext, id: string) {
  await expect(async () => {
    const res = await request.get(`/api/faucet/${id}`);
    expect((await res.json()).data.status).toBe("sent");
  }).toPass({ timeout: 45_000 });
}

test.describe("[FAUCET][GRANTS]", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("a grant asked through the public API is paid on the ledger and shows on the page with its hash", async ({ page, playwright }, testInfo) => {
    const publicClient = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    const address = XrplWallet.generate().address;
    const res = await ask(publicClient, address, clientFor(testInfo.project.name, 1));
    expect(res.status()).toBe(202);
    const { data } = await res.json();
    expect(data).toMatchObject({ status: "queued", chain: "xrpl", address });
    await waitUntilSent(publicClient, data.id);

    await page.goto("/faucet");
    const grant = page.getByTestId("faucet-grant").filter({ has: page.locator(`code[title="${address}"]`) });
    await expect(grant).toContainText("sent");
    await expect(grant).toContainText(/[0-9A-F]{64}/);
    await expect(page.getByTestId("grants-chart-summary")).toContainText(/[1-9]\d* grants? sent/);
    await snap(page, testInfo, "faucet-operator");
    await publicClient.dispose();
  });

  test("bad requests get 400 with a reason, and the same destination twice gets 429 with Retry-After", async ({ playwright }, testInfo) => {
    const publicClient = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    const ip = clientFor(testInfo.project.name, 2);
    const bad = await publicClient.post("/api/faucet", { data: { chain: "xrpl", address: "0x1234" }, headers: { "x-forwarded-for": ip } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toContain("XRPL address");
    const address = XrplWallet.generate().address;
    expect((await ask(publicClient, address, ip)).status()).toBe(202);
    const again = await ask(publicClient, address, clientFor(testInfo.project.name, 3));
    expect(again.status()).toBe(429);
    expect(Number(again.headers()["retry-after"])).toBeGreaterThan(0);
    await publicClient.dispose();
  });
});

test.describe("[FAUCET][REVIEW]", () => {
  test.use({ storageState: storageStateFor("support") });

  test("a burst from one client waits in review; support approves one (it is paid) and rejects the other", async ({ page, playwright }, testInfo) => {
    const publicClient = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    const ip = clientFor(testInfo.project.name, 10);
    const addresses = Array.from({ length: 5 }, () => XrplWallet.generate().address);
    const answers = [];
    for (const address of addresses) answers.push(await (await ask(publicClient, address, ip)).json());
    // The public answers never advertise the review: all say "queued".
    expect(answers.map((a) => a.data.status)).toEqual(["queued", "queued", "queued", "queued", "queued"]);
    expect((await (await publicClient.get(`/api/faucet/${answers[3].data.id}`)).json()).data.status).toBe("queued");

    // The 4th and 5th within a minute wait in review.
    await page.goto("/faucet");
    const [approve, reject] = [addresses[3]!, addresses[4]!];
    await expect(page.getByTestId("faucet-review-row").filter({ has: page.locator(`code[title="${approve}"]`) })).toContainText("Burst");
    await expect(page.getByTestId("faucet-review-row").filter({ has: page.locator(`code[title="${reject}"]`) })).toContainText("Burst");
    await snap(page, testInfo, "faucet-review");
    await page.getByRole("checkbox", { name: `Tick the request to ${approve}` }).check();
    await page.getByRole("button", { name: "Approve ticked" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Decided." })).toBeVisible();
    await page.getByRole("checkbox", { name: `Tick the request to ${reject}` }).check();
    await page.getByRole("button", { name: "Reject ticked" }).click();
    await expect(page.getByTestId("faucet-review-row").filter({ has: page.locator(`code[title="${reject}"]`) })).toHaveCount(0);

    await waitUntilSent(publicClient, answers[3].data.id);
    expect((await (await publicClient.get(`/api/faucet/${answers[4].data.id}`)).json()).data.status).toBe("rejected");
    await publicClient.dispose();
  });
});
