import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCapacity, readRecoveryObjectives, readRtoClocks } from "@/lib/capacity/readings";
import { requestOperation } from "@/lib/operations/pipeline";
import { seedServiceCatalog } from "@/lib/seed/services";
import { GUIDE_CATALOG } from "@/lib/services/catalog";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";

// Capacity readings against the real database, recovery objectives in the seeded catalog, the
// backups held against them, and RTO/RPO edited through the catalog's operation.

const db = testDb();
const MINUTE = 60_000;
const DAY = 86_400_000;
const uid = () => `cap-${crypto.randomUUID().slice(0, 8)}`;
const viewer = { roles: ["viewer" as const] };

beforeAll(async () => {
  await seedServiceCatalog(db);
});
afterAll(async () => {
  await db.$disconnect();
});

describe("[CAPACITY][READINGS]: each resource against its trigger", () => {
  it("reads the database's connections against max_connections and its size", async () => {
    const capacity = await readCapacity(db, viewer);
    const connections = capacity.resources.find((r) => r.id === "db-connections")!;
    // This test's own client holds at least one connection to the database.
    expect(connections.usage).toMatch(/^[1-9]\d* connections?$/);
    expect(connections.limit).toMatch(/^of \d+ max_connections \([\d.]+ %\)$/);
    expect(connections.barPct).toBeGreaterThan(0);
    expect(connections.triggerPct).toBe(80);
    expect(["ok", "near", "over"]).toContain(connections.state);

    const storage = capacity.resources.find((r) => r.id === "db-storage")!;
    expect(storage.usage).toMatch(/^[\d.]+ (KB|MB|GB)$/);
    const disk = capacity.resources.find((r) => r.id === "disk")!;
    expect(disk.usage).toMatch(/used$/);
    expect(disk.triggerPct).toBe(80);
    // No request went through server.mjs in this process.
    expect(capacity.resources.find((r) => r.id === "api-latency")).toMatchObject({ usage: "no traffic yet", state: "unknown" });
    expect(capacity.resources.map((r) => r.id)).toEqual(["api-latency", "db-connections", "jobs", "redis-memory", "disk", "db-storage"]);
  });

  it("reads Redis memory from the probe's last detail, and says when it is not reported", async () => {
    const id = uid();
    await db.service.create({ data: { id, name: "Capacity Redis", kind: "redis", owner: "ops" } });
    try {
      // Service ids sort "cap-…" before the catalog's "redis": the reading takes ours.
      await db.service.update({ where: { id }, data: { lastDetail: { latencyMs: 1, usedMemoryBytes: 750 * 1024 * 1024, maxMemoryBytes: 1024 * 1024 * 1024, memoryPct: 73.2 }, lastCheckedAt: new Date() } });
      const redis = (await readCapacity(db, viewer)).resources.find((r) => r.id === "redis-memory")!;
      expect(redis).toMatchObject({ usage: "750 MB", limit: "of 1 GB maxmemory (73.2 %)", triggerPct: 70, state: "over" });
      expect(redis.action).toMatch(/maxmemory/);
      await db.service.update({ where: { id }, data: { lastDetail: { latencyMs: 1, usedMemoryBytes: 2_000_000, maxMemoryBytes: 0, memoryPct: null } } });
      expect((await readCapacity(db, viewer)).resources.find((r) => r.id === "redis-memory")).toMatchObject({ limit: "no maxmemory set", state: "unknown", barPct: null });
    } finally {
      await db.service.delete({ where: { id } });
    }
  });

  it("scales the growth table to the orders of the last 30 days", async () => {
    // Orders in a window no other test writes to, so the count is exactly ours.
    const now = new Date("2091-03-01T12:00:00Z");
    const chain = `evm:${900_000_000 + Math.floor(Math.random() * 99_999_999)}`;
    await db.escrowOrder.createMany({
      data: Array.from({ length: 60 }, (_, i) => {
        const createdAt = new Date(now.getTime() - (i % 29) * DAY - MINUTE);
        return { chain, orderId: BigInt(i + 1), buyer: "0xb", seller: "0xs", token: "0xt", amount: "1", fee: "0", status: "completed" as const, createdAt, updatedAt: createdAt, createdBlock: 1n };
      }),
    });
    const capacity = await readCapacity(db, viewer, now);
    expect(capacity).toMatchObject({ ordersInWindow: 60, dailyOrders: 2, windowDays: 30 });
    expect(capacity.growth.find((g) => g.id === "db-storage")).toMatchObject({ amount: 50, scaled: 0.1 });
    expect(capacity.growth.find((g) => g.id === "api-requests")).toMatchObject({ scaled: 100 });
    expect(capacity.resources.find((r) => r.id === "db-storage")!.notes[0]).toMatch(/at 2 orders\/day/);
    await db.escrowOrder.deleteMany({ where: { chain } });
  });
});

describe("[CAPACITY][RECOVERY]: RTO and RPO per service, backups against the RPO", () => {
  it("seeds the guide's objectives on the catalog, and fills them in on a catalog seeded before them", async () => {
    const rows = await db.service.findMany({ where: { id: { in: GUIDE_CATALOG.map((e) => e.id) } }, select: { id: true, rtoMinutes: true, rpoMinutes: true } });
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by.postgres).toMatchObject({ rtoMinutes: 30, rpoMinutes: 5 });
    expect(by.redis).toMatchObject({ rtoMinutes: 5, rpoMinutes: 60 });
    expect(by.api).toMatchObject({ rtoMinutes: 15, rpoMinutes: null });
    for (const id of ["nginx", "cdn", "frontend"]) expect(by[id]!.rtoMinutes).toBe(5);
    for (const id of ["event-workers", "timeout-workers", "scheduler", "opsdeck"]) expect(by[id]!.rtoMinutes).toBe(15);
    for (const id of ["rpc-primary", "rpc-fallback", "xrpl-node"]) expect(by[id]!.rtoMinutes).toBeGreaterThan(0);

    // A catalog seeded before RTO/RPO existed gets them on the next seed.
    await db.service.update({ where: { id: "scheduler" }, data: { rtoMinutes: null, rpoMinutes: null } });
    await seedServiceCatalog(db);
    expect(await db.service.findUniqueOrThrow({ where: { id: "scheduler" }, select: { rtoMinutes: true } })).toEqual({ rtoMinutes: 15 });

    const recovery = await readRecoveryObjectives(db, viewer);
    expect(recovery.services.find((s) => s.id === "postgres")).toMatchObject({ name: "PostgreSQL", rtoMinutes: 30, rpoMinutes: 5 });
    // The migration links the database backups to PostgreSQL.
    expect(recovery.dataStores.find((d) => d.serviceId === "postgres")?.targets.map((t) => t.id)).toEqual(expect.arrayContaining(["database-daily", "database-weekly"]));
  });

  it("shows a backup older than its service's RPO as over, a fresh one as ok, none as never", async () => {
    const now = new Date();
    const serviceId = uid();
    await db.service.create({ data: { id: serviceId, name: "Capacity store", kind: "postgres", owner: "ops", rtoMinutes: 30, rpoMinutes: 60 } });
    const stale = `${serviceId}-hourly`;
    const fresh = `${serviceId}-wal`;
    const missing = `${serviceId}-offsite`;
    await db.backupTarget.createMany({
      data: [
        { id: stale, name: "Hourly dump", schedule: "hourly", maxAgeHours: 2, restoreEveryDays: 30, serviceId, lastSuccessAt: new Date(now.getTime() - 90 * MINUTE), lastRestoreTestAt: new Date(now.getTime() - 40 * DAY), lastRestoreOutcome: "success" },
        { id: fresh, name: "WAL archive", schedule: "continuous", maxAgeHours: 1, restoreEveryDays: 30, serviceId, lastSuccessAt: new Date(now.getTime() - 10 * MINUTE), lastRestoreTestAt: new Date(now.getTime() - 3 * DAY), lastRestoreOutcome: "success" },
        { id: missing, name: "Offsite copy", schedule: "daily", maxAgeHours: 26, restoreEveryDays: 30, serviceId },
      ],
    });
    try {
      const store = (await readRecoveryObjectives(db, viewer, now)).dataStores.find((d) => d.serviceId === serviceId)!;
      const state = Object.fromEntries(store.targets.map((t) => [t.id, [t.state, t.restoreState]]));
      expect(state).toEqual({ [stale]: ["over", "overdue"], [fresh]: ["ok", "ok"], [missing]: ["never", "never"] });
      // The data store as a whole: its freshest backup decides what a restore would lose.
      expect(store).toMatchObject({ name: "Capacity store", rpoMinutes: 60, state: "ok", freshestBackupAt: new Date(now.getTime() - 10 * MINUTE) });

      await db.backupTarget.delete({ where: { id: fresh } });
      expect((await readRecoveryObjectives(db, viewer, now)).dataStores.find((d) => d.serviceId === serviceId)).toMatchObject({ state: "over" });
    } finally {
      await db.backupTarget.deleteMany({ where: { serviceId } });
      await db.service.delete({ where: { id: serviceId } });
    }
  });

  it("changes a service's RTO and RPO through the service edit operation; leaving them out keeps them", async () => {
    const admin = await seedActor(db, ["admin"]);
    const id = uid();
    const fields = { name: "Capacity API", kind: "http", endpoint: "https://status.example.org/health", owner: "ops", failureImpact: "tests fail" };
    expect(await requestOperation(db, { operationId: "service.create", input: { id, ...fields, rtoMinutes: "15" }, actor: admin })).toMatchObject({ ok: true });
    try {
      expect(await db.service.findUniqueOrThrow({ where: { id }, select: { rtoMinutes: true, rpoMinutes: true } })).toEqual({ rtoMinutes: 15, rpoMinutes: null });

      const changed = await requestOperation(db, { operationId: "service.update", input: { id, ...fields, rtoMinutes: "45", rpoMinutes: "10" }, actor: admin });
      expect(changed).toMatchObject({ ok: true, data: { result: { changed: expect.arrayContaining(["rtoMinutes", "rpoMinutes"]) } } });
      expect(await db.service.findUniqueOrThrow({ where: { id }, select: { rtoMinutes: true, rpoMinutes: true } })).toEqual({ rtoMinutes: 45, rpoMinutes: 10 });

      // The form of before (no RTO/RPO fields) changes nothing about them.
      expect(await requestOperation(db, { operationId: "service.update", input: { id, ...fields, owner: "platform" }, actor: admin })).toMatchObject({ ok: true });
      expect(await db.service.findUniqueOrThrow({ where: { id }, select: { rtoMinutes: true, rpoMinutes: true, owner: true } })).toEqual({ rtoMinutes: 45, rpoMinutes: 10, owner: "platform" });

      // An empty field clears the objective; a nonsense one is refused with a field message.
      expect(await requestOperation(db, { operationId: "service.update", input: { id, ...fields, rpoMinutes: "" }, actor: admin })).toMatchObject({ ok: true });
      expect((await db.service.findUniqueOrThrow({ where: { id } })).rpoMinutes).toBeNull();
      expect(await requestOperation(db, { operationId: "service.update", input: { id, ...fields, rtoMinutes: "0" }, actor: admin })).toMatchObject({ ok: false, fieldErrors: { rtoMinutes: ["At least 1 min"] } });
      expect((await db.service.findUniqueOrThrow({ where: { id } })).rtoMinutes).toBe(45);
    } finally {
      await db.service.delete({ where: { id } });
    }
  });

  it("gives the war room a clock per affected service with an RTO, stopped at resolution", async () => {
    const now = new Date();
    const open = await readRtoClocks(db, { serviceIds: ["api", "postgres", "no-such-service"], startedAt: new Date(now.getTime() - 20 * MINUTE), endedAt: null, now });
    expect(open.map((c) => [c.serviceId, c.rtoMinutes, c.state, c.isRunning])).toEqual([
      ["api", 15, "over", true],
      ["postgres", 30, "ok", true],
    ]);
    const resolved = await readRtoClocks(db, { serviceIds: ["postgres"], startedAt: new Date(now.getTime() - 2 * 60 * MINUTE), endedAt: new Date(now.getTime() - 95 * MINUTE), now });
    expect(resolved).toEqual([{ serviceId: "postgres", name: "PostgreSQL", rtoMinutes: 30, elapsedSeconds: 25 * 60, isRunning: false, state: "near" }]);
  });
});
