import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestOperation } from "@/lib/operations/pipeline";
import { pruneProbeResults, recordOutcome, runDueProbes } from "@/lib/services/probe-runner";
import { seedServiceCatalog } from "@/lib/seed/services";
import { GUIDE_CATALOG } from "@/lib/services/catalog";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";

// The catalog through its operations, and the probe runner against a real HTTP server.

const db = testDb();
let server: http.Server;
let base: string;
let mode: "ok" | "fail" = "ok";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/hang") return; // never answers
    if (mode === "fail") return void res.writeHead(503).end("down");
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await seedServiceCatalog(db);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.$disconnect();
});

const uid = () => `t-${crypto.randomUUID().slice(0, 8)}`;
const fields = (over: Record<string, unknown> = {}) => ({ name: "Test service", kind: "http", endpoint: `${base}/health`, owner: "ops", failureImpact: "tests fail", ...over });

describe("[SERVICES][CATALOG]: admins edit the catalog through operations", () => {
  it("seeds the guide's service map once, keeping what admins changed", async () => {
    await seedServiceCatalog(db);
    for (const entry of GUIDE_CATALOG) expect(await db.service.count({ where: { id: entry.id } })).toBe(1);
    const api = await db.service.findUniqueOrThrow({ where: { id: "api" } });
    expect(api).toMatchObject({ dependsOn: ["postgres", "redis", "nginx"], failureImpact: "All API calls fail", isCritical: true });
  });

  it("adds, changes and removes a service; the audit log records each", async () => {
    const admin = await seedActor(db, ["admin"]);
    const id = uid();
    expect(await requestOperation(db, { operationId: "service.create", input: { id, ...fields({ dependsOn: ["postgres"] }) }, actor: admin })).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await db.service.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "unknown", dependsOn: ["postgres"] });
    const changed = await requestOperation(db, { operationId: "service.update", input: { id, ...fields({ name: "Renamed", dependsOn: ["postgres", "redis"] }) }, actor: admin });
    expect(changed).toMatchObject({ ok: true, data: { result: { changed: expect.arrayContaining(["name", "dependsOn"]) } } });
    expect(await requestOperation(db, { operationId: "service.delete", input: { id }, actor: admin })).toMatchObject({ ok: true });
    expect(await db.service.count({ where: { id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { targetType: "service", targetId: id, outcome: "success" } })).toBe(3);
  });

  it("refuses unknown dependencies, loops, and credentials in endpoints — with field messages, changing nothing", async () => {
    const admin = await seedActor(db, ["admin"]);
    const id = uid();
    expect(await requestOperation(db, { operationId: "service.create", input: { id, ...fields({ dependsOn: ["nope"] }) }, actor: admin })).toMatchObject({ ok: false, fieldErrors: { dependsOn: ["Not in the catalog: nope"] } });
    expect(await requestOperation(db, { operationId: "service.update", input: { id: "postgres", ...fields({ kind: "postgres", endpoint: null, dependsOn: ["api"] }) }, actor: admin })).toMatchObject({ ok: false, fieldErrors: { dependsOn: ["Loop: postgres → api → postgres"] } });
    expect(await requestOperation(db, { operationId: "service.create", input: { id, ...fields({ kind: "postgres", endpoint: "postgresql://app:s3cret@db:5432/app" }) }, actor: admin })).toMatchObject({
      ok: false,
      fieldErrors: { endpoint: ["Put credentials in the environment and use env:NAME here"] },
    });
    expect(await db.service.count({ where: { id } })).toBe(0);
    expect((await db.service.findUniqueOrThrow({ where: { id: "postgres" } })).dependsOn).toEqual([]);
    // Even the refused input's audit event does not keep the password.
    const audit = await db.auditEvent.findMany({ where: { action: "service.create.invalid", actorId: admin.id } });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.map((a) => a.payload))).not.toContain("s3cret");
  });

  it("will not remove a service others still depend on", async () => {
    const admin = await seedActor(db, ["admin"]);
    expect(await requestOperation(db, { operationId: "service.delete", input: { id: "redis" }, actor: admin })).toMatchObject({ ok: false, code: "CONFLICT", error: expect.stringContaining("Still needed by") });
  });

  it("is for admins only", async () => {
    for (const role of ["operator", "viewer"] as const) {
      const actor = await seedActor(db, [role]);
      expect(await requestOperation(db, { operationId: "service.create", input: { id: uid(), ...fields() }, actor })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
  });
});

describe("[SERVICES][PROBES]: the runner", () => {
  it("probes what is due, stores the result, and changes the shown status only after two failures in a row", async () => {
    const id = uid();
    await db.service.create({ data: { id, ...fields(), kind: "http", intervalSeconds: 30, timeoutMs: 1000 } });
    mode = "ok";
    await runDueProbes(db, { now: new Date() });
    expect(await db.service.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "ok", lastError: null });

    mode = "fail";
    const later = (s: number) => new Date(Date.now() + s * 1000);
    await runDueProbes(db, { now: later(31) });
    expect(await db.service.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "ok", pendingStatus: "error", pendingCount: 1 });
    await runDueProbes(db, { now: later(62) });
    const down = await db.service.findUniqueOrThrow({ where: { id } });
    expect(down).toMatchObject({ status: "error", lastError: expect.stringContaining("503") });
    expect(await db.probeResult.count({ where: { serviceId: id } })).toBe(3);
    // Not due again before its interval has passed.
    expect(await runDueProbes(db, { now: later(63) })).toMatchObject({ probed: expect.any(Number) });
    expect(await db.probeResult.count({ where: { serviceId: id } })).toBe(3);
  });

  it("a hanging target does not hold up the others in the same round", async () => {
    const hanging = uid();
    const fast = uid();
    await db.service.create({ data: { id: hanging, ...fields({ endpoint: `${base}/hang` }), kind: "http", timeoutMs: 800 } });
    await db.service.create({ data: { id: fast, ...fields(), kind: "http", timeoutMs: 800 } });
    mode = "ok";
    await runDueProbes(db, { now: new Date(Date.now() + 3600_000) });
    const [h, f] = await Promise.all([db.probeResult.findFirstOrThrow({ where: { serviceId: hanging } }), db.probeResult.findFirstOrThrow({ where: { serviceId: fast } })]);
    expect(h).toMatchObject({ status: "error", error: expect.stringContaining("timed out") });
    expect(f.status).toBe("ok");
    expect(f.latencyMs!).toBeLessThan(800);
  });

  it("keeps 30 days of results", async () => {
    const id = uid();
    await db.service.create({ data: { id, ...fields(), kind: "http" } });
    await recordOutcome(db, id, { status: "ok", latencyMs: 5, detail: {}, error: null }, new Date(Date.now() - 31 * 86_400_000));
    await recordOutcome(db, id, { status: "ok", latencyMs: 5, detail: {}, error: null }, new Date());
    await pruneProbeResults(db);
    expect(await db.probeResult.count({ where: { serviceId: id } })).toBe(1);
  });
});
