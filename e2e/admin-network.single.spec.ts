import { expect, request as playwrightRequest, test } from "@playwright/test";
import { signInViaApi } from "./support/roles";
import { startServer } from "./support/server";

test("[SECURITY][ADMIN-IPS]: with ADMIN_ALLOWED_IPS, admin pages refuse other addresses; X-Forwarded-For counts only from a trusted proxy", async () => {
  test.setTimeout(60_000);
  const server = await startServer({ ADMIN_ALLOWED_IPS: "10.9.9.0/24", TRUSTED_PROXIES: "127.0.0.1" });
  try {
    const admin = await playwrightRequest.newContext({ baseURL: server.url });
    expect((await signInViaApi(admin, "admin@opsdeck.local")).status()).toBeLessThan(400);

    const direct = await admin.get("/admin/users", { maxRedirects: 0 });
    expect(direct.status()).toBe(403);
    expect(await direct.text()).toContain("allowed network addresses");
    // The overview is not an admin page: it still opens.
    expect((await admin.get("/", { maxRedirects: 0 })).status()).toBe(200);

    const viaProxy = await admin.get("/admin/users", { headers: { "x-forwarded-for": "10.9.9.20" }, maxRedirects: 0 });
    expect(viaProxy.status()).toBe(200);
    await admin.dispose();
  } finally {
    await server.stop();
  }

  // Without TRUSTED_PROXIES the same header is ignored.
  const untrusted = await startServer({ ADMIN_ALLOWED_IPS: "10.9.9.0/24" });
  try {
    const admin = await playwrightRequest.newContext({ baseURL: untrusted.url });
    await signInViaApi(admin, "admin@opsdeck.local");
    expect((await admin.get("/admin/users", { headers: { "x-forwarded-for": "10.9.9.20" }, maxRedirects: 0 })).status()).toBe(403);
    await admin.dispose();
  } finally {
    await untrusted.stop();
  }
});

test("[CONFIG]: production refuses to start without a strong NEXTAUTH_SECRET and names the variable", async () => {
  const { spawnSync } = await import("node:child_process");
  const result = spawnSync(process.execPath, ["server.mjs"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: process.env.E2E_DATABASE_URL, NEXTAUTH_URL: "https://ops.example", NEXTAUTH_SECRET: "short" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.status).not.toBe(0);
  expect(result.stderr + result.stdout).toContain("NEXTAUTH_SECRET");
});
