import { expect, test } from "@playwright/test";

// Prometheus scrapes the production server (server.mjs records every request).
test("[METRICS]: /api/metrics answers Prometheus text behind its bearer token, with live service states", async ({ request }) => {
  const token = process.env.E2E_METRICS_TOKEN;
  expect(token, "run through `npm test`").toBeTruthy();
  expect((await request.get("/api/metrics", { headers: { authorization: "Bearer wrong-token-0123456789" } })).status()).toBe(401);
  expect((await request.get("/api/metrics")).status()).toBe(401);

  await expect(async () => {
    const res = await request.get("/api/metrics", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/plain");
    const body = await res.text();
    expect(body).toMatch(/^opsdeck_http_requests_total\{method="GET",route="\/sign-in",status="200"\} \d+$/m);
    expect(body).toContain('opsdeck_service_status{service="xrpl-node",status="ok"} 1');
    expect(body).toMatch(/^opsdeck_blockchain_sync_lag_blocks\{chain="evm"\} \d+$/m);
  }).toPass({ timeout: 30_000 });
});

test("[HEALTH]: /api/health reports the database, the background jobs and both chains in the guide's shape", async ({ request }) => {
  await expect(async () => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", version: expect.any(String), uptime_seconds: expect.any(Number) });
    expect(body.checks.database.status).toBe("ok");
    expect(body.checks.jobs).toMatchObject({ status: "ok", detail: expect.stringMatching(/reconciler.*chain-sync.*probes.*alert-rules/) });
    expect(body.checks.evm.status).toBe("ok");
    expect(body.checks.xrpl.status).toBe("ok");
  }).toPass({ timeout: 30_000 });
  expect((await request.get("/api/health/live")).status()).toBe(200);
  expect((await request.get("/api/health/ready")).status()).toBe(200);
});
