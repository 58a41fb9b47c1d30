import { afterAll, describe, expect, it, vi } from "vitest";

// lib/env.ts parses the environment once, on first use: the token must be there before any app
// module reads it (vi.hoisted runs before the imports below).
const TOKEN = vi.hoisted(() => {
  const token = "test-alertmanager-token-0123456789";
  process.env.ALERT_WEBHOOK_TOKEN = token;
  return token;
});

import { NextRequest } from "next/server";
import { POST } from "@/app/api/alerts/alertmanager/route";
import { db as appDb } from "@/lib/db/client";
import { testDb } from "../support/db";

const db = testDb();
afterAll(async () => {
  await db.$disconnect();
  await appDb.$disconnect();
});

const URL = "http://127.0.0.1:3000/api/alerts/alertmanager";

/** Alertmanager's webhook payload (version 4) as its documentation describes it, one alert per fingerprint. */
function payload({ fingerprint, status = "firing", startsAt = "2026-11-24T09:52:26.739266876+02:00", endsAt = "0001-01-01T00:00:00Z", summary = "BSC event sync cursor hasn't moved in 10 minutes" }: { fingerprint: string; status?: "firing" | "resolved"; startsAt?: string; endsAt?: string; summary?: string }) {
  return {
    receiver: "opsdeck",
    status,
    alerts: [
      {
        status,
        labels: { alertname: "BlockchainSyncStuck", chain: "bsc", instance: "celery-events:9100", job: "celery-events", severity: "critical", service: "escrow-sync" },
        annotations: { summary, description: "changes(blockchain_sync_last_block{chain=\"bsc\"}[10m]) == 0", runbook_url: "https://runbooks.example/RB-03" },
        startsAt,
        endsAt,
        generatorURL: "http://prometheus.example:9090/graph?g0.expr=changes%28blockchain_sync_last_block%5B10m%5D%29+%3D%3D+0&g0.tab=1",
        fingerprint,
      },
    ],
    groupLabels: { alertname: "BlockchainSyncStuck" },
    commonLabels: { alertname: "BlockchainSyncStuck", chain: "bsc", instance: "celery-events:9100", job: "celery-events", severity: "critical", service: "escrow-sync" },
    commonAnnotations: { summary, runbook_url: "https://runbooks.example/RB-03" },
    externalURL: "http://alertmanager.example:9093",
    version: "4",
    groupKey: '{}/{severity="critical"}:{alertname="BlockchainSyncStuck"}',
    truncatedAlerts: 0,
  };
}

function post(body: unknown, { authorization = `Bearer ${TOKEN}` as string | null } = {}) {
  const headers = new Headers({ "content-type": "application/json", "user-agent": "Alertmanager/0.28.1" });
  if (authorization) headers.set("authorization", authorization);
  return POST(new NextRequest(URL, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }));
}

const newFingerprint = () => crypto.randomUUID().replace(/-/g, "").slice(0, 16);
const rowsOf = (fingerprint: string) => db.alert.findMany({ where: { fingerprint }, orderBy: { startsAt: "asc" } });

describe("[ALERTS][ALERTMANAGER]: the documented webhook, firing then resolved", () => {
  it("stores a firing alert with its severity, service and runbook", async () => {
    const fp = newFingerprint();
    const res = await post(payload({ fingerprint: fp }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, data: { received: 1, created: 1, updated: 0, resolved: 0, ignored: 0 } });
    const [row] = await rowsOf(fp);
    expect(row).toMatchObject({
      source: "alertmanager",
      name: "BlockchainSyncStuck",
      status: "firing",
      severity: "critical",
      serviceId: "escrow-sync",
      runbook: "https://runbooks.example/RB-03",
      summary: "BSC event sync cursor hasn't moved in 10 minutes",
      startsAt: new Date("2026-11-24T07:52:26.739Z"),
      endsAt: null,
      // Critical: it opened an incident, with the runbook its name maps to.
      incidentId: expect.any(String),
    });
    expect(row!.labels).toMatchObject({ job: "celery-events", externalURL: "http://alertmanager.example:9093" });
    expect(await db.incident.findUniqueOrThrow({ where: { id: row!.incidentId! } })).toMatchObject({ suggestedRunbook: "RB-03" });
  });

  it("de-duplicates repeats by fingerprint, then resolves the episode with Alertmanager's endsAt", async () => {
    const fp = newFingerprint();
    await post(payload({ fingerprint: fp }));
    const [first] = await rowsOf(fp);
    // repeat_interval: the same alert again, with a fresher annotation.
    const again = await post(payload({ fingerprint: fp, summary: "still stuck" }));
    expect(await again.json()).toMatchObject({ ok: true, data: { created: 0, updated: 1 } });
    const rows = await rowsOf(fp);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first!.id, summary: "still stuck", status: "firing" });
    expect(rows[0]!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(first!.lastSeenAt.getTime());

    const resolved = await post(payload({ fingerprint: fp, status: "resolved", endsAt: "2026-11-24T10:07:26.739Z" }));
    expect(await resolved.json()).toMatchObject({ ok: true, data: { resolved: 1 } });
    expect(await rowsOf(fp)).toEqual([expect.objectContaining({ id: first!.id, status: "resolved", endsAt: new Date("2026-11-24T10:07:26.739Z") })]);

    // A retried "resolved", and a late retry of the old "firing": neither changes the closed episode.
    expect(await (await post(payload({ fingerprint: fp, status: "resolved", endsAt: "2026-11-24T10:07:26.739Z" }))).json()).toMatchObject({ data: { ignored: 1 } });
    expect(await (await post(payload({ fingerprint: fp }))).json()).toMatchObject({ data: { ignored: 1 } });
    expect(await rowsOf(fp)).toEqual([expect.objectContaining({ id: first!.id, status: "resolved" })]);

    // It fires again later: a new episode.
    await post(payload({ fingerprint: fp, startsAt: "2026-11-24T12:00:00Z" }));
    expect((await rowsOf(fp)).map((r) => r.status)).toEqual(["resolved", "firing"]);
  });

  it("records a resolved alert it never saw firing, for the history", async () => {
    const fp = newFingerprint();
    const res = await post(payload({ fingerprint: fp, status: "resolved", endsAt: "2026-11-24T08:00:00Z" }));
    expect(await res.json()).toMatchObject({ ok: true, data: { resolved: 1 } });
    expect(await rowsOf(fp)).toEqual([expect.objectContaining({ status: "resolved", endsAt: new Date("2026-11-24T08:00:00Z") })]);
  });

  it("stores every alert of a group notification together, labels read as documented", async () => {
    const [a, b] = [newFingerprint(), newFingerprint()];
    const body = payload({ fingerprint: a });
    const second = { ...body.alerts[0]!, fingerprint: b, labels: { alertname: "RpcPrimaryDown", job: "rpc-exporter", severity: "P2" }, annotations: { runbook: "RB-07" } };
    const res = await post({ ...body, alerts: [body.alerts[0], second] });
    expect(await res.json()).toMatchObject({ ok: true, data: { received: 2, created: 2 } });
    expect(await rowsOf(b)).toEqual([expect.objectContaining({ name: "RpcPrimaryDown", severity: "warning", serviceId: "rpc-exporter", runbook: "RB-07", summary: "RpcPrimaryDown" })]);
  });
});

describe("[ALERTS][ALERTMANAGER][INVALID]: malformed bodies get 400 with a reason and store nothing", () => {
  const cases: [string, (fp: string) => unknown, string][] = [
    ["not JSON", () => "{ this is not json", "The body is not JSON"],
    ["another payload version", (fp) => ({ ...payload({ fingerprint: fp }), version: "3" }), "version"],
    ["an alert without an alertname", (fp) => { const p = payload({ fingerprint: fp }); return { ...p, alerts: [{ ...p.alerts[0]!, labels: { severity: "critical" } }] }; }, "alerts.0.labels"],
    ["a time that is not RFC 3339", (fp) => { const p = payload({ fingerprint: fp }); return { ...p, alerts: [{ ...p.alerts[0]!, startsAt: "yesterday" }] }; }, "alerts.0.startsAt"],
    ["an unknown status", (fp) => ({ ...payload({ fingerprint: fp }), status: "exploded" }), "status"],
    ["one bad alert among good ones", (fp) => { const p = payload({ fingerprint: fp }); return { ...p, alerts: [p.alerts[0], { ...p.alerts[0]!, fingerprint: `${fp}-2`, status: "maybe" }] }; }, "alerts.1.status"],
  ];

  for (const [title, body, where] of cases) {
    it(title, async () => {
      const fp = newFingerprint();
      const res = await post(body(fp));
      expect(res.status).toBe(400);
      const json = await res.json();
      expect(json).toMatchObject({ ok: false, code: "INVALID_INPUT", error: expect.any(String) });
      if (where.includes(" ")) expect(json.error).toBe(where);
      else expect(Object.keys(json.fieldErrors)).toContain(where);
      expect(await db.alert.count({ where: { fingerprint: { startsWith: fp } } })).toBe(0);
    });
  }
});

describe("[ALERTS][ALERTMANAGER][AUTH]: the bearer token", () => {
  for (const [title, authorization] of [
    ["no Authorization header", null],
    ["a wrong token", "Bearer not-the-token-at-all-000000"],
    ["the token one character short", `Bearer ${TOKEN.slice(0, -1)}`],
    ["the right token with another scheme", `Basic ${TOKEN}`],
  ] as const) {
    it(`401 for ${title}, nothing stored`, async () => {
      const fp = newFingerprint();
      const res = await post(payload({ fingerprint: fp }), { authorization });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.json()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      expect(await rowsOf(fp)).toEqual([]);
    });
  }

  it("404 when ALERT_WEBHOOK_TOKEN is not set: the intake does not exist", async () => {
    vi.resetModules();
    const saved = process.env.ALERT_WEBHOOK_TOKEN;
    delete process.env.ALERT_WEBHOOK_TOKEN;
    try {
      const route = await import("@/app/api/alerts/alertmanager/route");
      const fp = newFingerprint();
      const res = await route.POST(new NextRequest(URL, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(payload({ fingerprint: fp })) }));
      expect(res.status).toBe(404);
      expect(await rowsOf(fp)).toEqual([]);
    } finally {
      process.env.ALERT_WEBHOOK_TOKEN = saved;
    }
  });
});
