import { expect, request as playwrightRequest, test } from "@playwright/test";
import { storageStateFor } from "./support/roles";

test("[AUDIT][EXPORT]: an auditor downloads the filtered log as CSV and JSON lines; the export is itself audited", async ({ baseURL }) => {
  const auditor = await playwrightRequest.newContext({ baseURL, storageState: storageStateFor("auditor") });
  const csv = await auditor.get("/api/audit/export?format=csv&action=auth.sign_in");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="opsdeck-audit-.*\.csv"/);
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toBe("id,at,actorEmail,actorRoles,action,targetType,targetId,outcome,ip,userAgent,requestId,payload,prevHash,hash");
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes(",auth.sign_in,"))).toBe(true);

  const jsonl = await auditor.get("/api/audit/export?format=jsonl&action=auth.sign_in");
  const events = (await jsonl.text()).trim().split("\n").map((l) => JSON.parse(l) as { action: string; hash: string });
  expect(events.length).toBe(lines.length - 1);
  expect(events.every((e) => e.action === "auth.sign_in" && /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);

  const trail = await auditor.get("/api/audit/export?format=jsonl&action=audit.exported");
  expect((await trail.text()).trim().split("\n").length).toBeGreaterThanOrEqual(2);
  await auditor.dispose();
});

test("[AUDIT][EXPORT]: others are refused in the one error shape, and bad filters get a reason", async ({ baseURL }) => {
  const viewer = await playwrightRequest.newContext({ baseURL, storageState: storageStateFor("viewer") });
  const denied = await viewer.get("/api/audit/export?format=csv");
  expect(denied.status()).toBe(403);
  expect(await denied.json()).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringContaining("auditors") });
  await viewer.dispose();

  const auditor = await playwrightRequest.newContext({ baseURL, storageState: storageStateFor("auditor") });
  const bad = await auditor.get("/api/audit/export?format=xml");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { format: ["Use csv or jsonl"] } });
  await auditor.dispose();

  const anonymous = await playwrightRequest.newContext({ baseURL });
  expect((await anonymous.get("/api/audit/export")).status()).toBe(401);
  await anonymous.dispose();
});
