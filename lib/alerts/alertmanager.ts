import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import { fail, type TActionResult, type TFieldErrors } from "@/lib/operations/result";
import { normalizeSeverity } from "@/lib/alerts/rules";
import { isBearerToken } from "@/lib/http/bearer";
import { noteResolvedAlerts, openIncidentsForAlerts } from "@/lib/incidents/from-alerts";

// Alertmanager's webhook receiver (webhook_config, payload version "4"). Alertmanager re-sends a
// group's alerts on every repeat_interval and on retries, and an HA pair may both send: an alert
// is one row per episode, found again by its fingerprint while it is active.

export const ALERTMANAGER_SOURCE = "alertmanager";
const LOCK = "opsdeck:alertmanager";
/** Alertmanager caps nothing by default; a body this large is not a notification. */
export const MAX_BODY_BYTES = 1_000_000;

const ZLabelSet = z.record(z.string(), z.string());
const ZTime = z.iso.datetime({ offset: true, message: "must be an RFC 3339 time" });

export const ZAlertmanagerAlert = z.object({
  status: z.enum(["firing", "resolved"]),
  labels: ZLabelSet.refine((l) => typeof l.alertname === "string" && l.alertname.trim() !== "", "needs an alertname label"),
  annotations: ZLabelSet.default({}),
  startsAt: ZTime,
  endsAt: ZTime.optional(),
  generatorURL: z.string().max(4_000).default(""),
  // Present since Alertmanager 0.19; older senders get one derived from the labels, as Alertmanager does.
  fingerprint: z.string().trim().min(1).max(200).optional(),
});

export const ZAlertmanagerPayload = z.object({
  version: z.literal("4", { message: "only webhook payload version 4 is understood" }),
  receiver: z.string(),
  status: z.enum(["firing", "resolved"]),
  alerts: z.array(ZAlertmanagerAlert).max(1_000),
  groupLabels: ZLabelSet.default({}),
  commonLabels: ZLabelSet.default({}),
  commonAnnotations: ZLabelSet.default({}),
  externalURL: z.string().default(""),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).default(0),
});
export type TAlertmanagerPayload = z.infer<typeof ZAlertmanagerPayload>;
type TAlertmanagerAlert = z.infer<typeof ZAlertmanagerAlert>;

function fingerprintOf(alert: TAlertmanagerAlert): string {
  if (alert.fingerprint) return alert.fingerprint;
  const sorted = Object.keys(alert.labels)
    .sort()
    .map((k) => `${k}=${alert.labels[k]}`)
    .join("\u0000");
  return crypto.createHash("sha256").update(sorted).digest("hex").slice(0, 16);
}

/** Go's zero time ("0001-01-01T00:00:00Z") means "no end yet"; so does anything before 1970. */
function realTime(value: string | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) || d.getTime() <= 0 ? null : d;
}

function fieldErrorsOf(error: z.ZodError): TFieldErrors {
  const out: TFieldErrors = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return out;
}

export type TIntakeResult = { received: number; created: number; updated: number; resolved: number; ignored: number };

/** Parses a webhook body; a reason the sender can log when it is not one. */
export function parseAlertmanagerBody(raw: string): TActionResult<TAlertmanagerPayload> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fail("INVALID_INPUT", "The body is not JSON");
  }
  const parsed = ZAlertmanagerPayload.safeParse(json);
  if (!parsed.success) return fail("INVALID_INPUT", "Not an Alertmanager webhook payload (version 4)", fieldErrorsOf(parsed.error));
  return { ok: true, data: parsed.data };
}

/** Stores a notification's alerts in one transaction: firing ones opened or refreshed, resolved ones closed. */
export async function ingestAlertmanager(db: TPrisma, payload: TAlertmanagerPayload, now = new Date()): Promise<TIntakeResult> {
  return db.$transaction(async (tx) => {
    // Deliveries of the same group may overlap (retries, an HA pair): one at a time.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${LOCK}))`;
    const result: TIntakeResult = { received: payload.alerts.length, created: 0, updated: 0, resolved: 0, ignored: 0 };
    for (const alert of payload.alerts) {
      const outcome = await ingestOne(tx, payload, alert, now);
      result[outcome]++;
    }
    await openIncidentsForAlerts(tx, now);
    return result;
  });
}

async function ingestOne(tx: Prisma.TransactionClient, payload: TAlertmanagerPayload, alert: TAlertmanagerAlert, now: Date): Promise<"created" | "updated" | "resolved" | "ignored"> {
  const fingerprint = fingerprintOf(alert);
  const startsAt = realTime(alert.startsAt) ?? now;
  const labels = alert.labels;
  const annotations = alert.annotations;
  const fields = {
    name: labels.alertname!,
    severity: normalizeSeverity(labels.severity),
    summary: (annotations.summary ?? annotations.description ?? labels.alertname!).slice(0, 1_000),
    description: annotations.description ?? null,
    serviceId: labels.service ?? labels.job ?? null,
    runbook: annotations.runbook_url ?? annotations.runbook ?? null,
    labels: { ...labels, ...(alert.generatorURL ? { generatorURL: alert.generatorURL } : {}), ...(payload.externalURL ? { externalURL: payload.externalURL } : {}) },
    annotations,
  };
  const active = await tx.alert.findFirst({ where: { source: ALERTMANAGER_SOURCE, fingerprint, status: { in: ["pending", "firing"] } }, orderBy: { startsAt: "desc" } });

  if (alert.status === "firing") {
    if (active) {
      await tx.alert.update({ where: { id: active.id }, data: { ...fields, lastSeenAt: now } });
      return "updated";
    }
    // This episode was already resolved: a late retry of an older "firing" must not reopen it.
    const { count } = await tx.alert.createMany({ data: [{ ...fields, fingerprint, source: ALERTMANAGER_SOURCE, status: "firing", startsAt, lastSeenAt: now }], skipDuplicates: true });
    return count ? "created" : "ignored";
  }

  const endsAt = realTime(alert.endsAt) ?? now;
  if (active) {
    await tx.alert.update({ where: { id: active.id }, data: { ...fields, status: "resolved", endsAt, lastSeenAt: now } });
    await noteResolvedAlerts(tx, [active.id], now);
    return "resolved";
  }
  // Resolved before we saw it fire (OpsDeck was down, or a first delivery failed): keep it for the history.
  const { count } = await tx.alert.createMany({ data: [{ ...fields, fingerprint, source: ALERTMANAGER_SOURCE, status: "resolved", startsAt, endsAt, lastSeenAt: now }], skipDuplicates: true });
  return count ? "resolved" : "ignored";
}

export type TWebhookResponse = { status: number; body: TActionResult<TIntakeResult> };

/** The whole webhook: token, size, payload, storage. The route only adapts HTTP to this. */
export async function handleAlertmanagerWebhook(db: TPrisma, args: { token: string | undefined; authorization: string | null; contentLength: string | null; readBody: () => Promise<string>; now?: Date }): Promise<TWebhookResponse> {
  // No token configured: the intake does not exist (nobody can post alerts into an open door).
  if (!args.token) return { status: 404, body: fail("NOT_FOUND", "Not found") };
  if (!isBearerToken(args.authorization, args.token)) return { status: 401, body: fail("UNAUTHENTICATED", "A valid bearer token is required") };
  if (Number(args.contentLength ?? 0) > MAX_BODY_BYTES) return { status: 413, body: fail("INVALID_INPUT", "The body is too large") };
  const raw = await args.readBody();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return { status: 413, body: fail("INVALID_INPUT", "The body is too large") };
  const parsed = parseAlertmanagerBody(raw);
  if (!parsed.ok) return { status: 400, body: parsed };
  const result = await ingestAlertmanager(db, parsed.data, args.now);
  return { status: 200, body: { ok: true, data: result } };
}
