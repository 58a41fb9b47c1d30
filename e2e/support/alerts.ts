import crypto from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";

// Alerts for the alerts page tests, sent the way production gets them: Alertmanager's webhook
// (version 4 JSON) with the bearer token `npm test` gave the server (E2E_ALERT_WEBHOOK_TOKEN).

export type TTestAlert = { fingerprint: string; name: string };

function token() {
  const value = process.env.E2E_ALERT_WEBHOOK_TOKEN;
  if (!value) throw new Error("E2E_ALERT_WEBHOOK_TOKEN is not set: run the e2e tests through `npm test`");
  return value;
}

async function send(request: APIRequestContext, alert: TTestAlert, status: "firing" | "resolved") {
  const startsAt = new Date(Date.now() - 3 * 60_000).toISOString();
  const res = await request.post("/api/alerts/alertmanager", {
    headers: { authorization: `Bearer ${token()}` },
    data: {
      version: "4",
      groupKey: `{}:{alertname="${alert.name}"}`,
      truncatedAlerts: 0,
      status,
      receiver: "opsdeck",
      groupLabels: { alertname: alert.name },
      commonLabels: { alertname: alert.name, severity: "critical", service: "postgres" },
      commonAnnotations: {},
      externalURL: "http://alertmanager.local:9093",
      alerts: [
        {
          status,
          labels: { alertname: alert.name, severity: "critical", service: "postgres" },
          annotations: { summary: "Disk usage above 95 % on db-1 (e2e)", runbook: "RB-02" },
          startsAt,
          endsAt: status === "resolved" ? new Date().toISOString() : "0001-01-01T00:00:00Z",
          generatorURL: "http://prometheus.local:9090/graph",
          fingerprint: alert.fingerprint,
        },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** A firing critical alert with a name and fingerprint of its own (tests run in parallel, on two screen sizes). */
export async function insertFiringAlert(request: APIRequestContext, label: string): Promise<TTestAlert> {
  const tag = crypto.randomBytes(4).toString("hex");
  const alert = { fingerprint: `e2e${label}${tag}`.replace(/[^a-z0-9]/gi, "").slice(0, 32), name: `E2E disk almost full ${tag}` };
  await send(request, alert, "firing");
  return alert;
}

/** Resolves the test's alert so later screenshots of the page are not crowded by old runs' rows. */
export async function resolveAlert(request: APIRequestContext, alert: TTestAlert): Promise<void> {
  await send(request, alert, "resolved");
}
