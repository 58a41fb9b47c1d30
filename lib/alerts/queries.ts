import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { canOpen } from "@/lib/auth/roles";
import type { TCurrentUser } from "@/lib/auth/session";
import { NotAllowedError } from "@/lib/users/queries";
import { ALERT_SEVERITIES, SEVERITY_RANK } from "@/lib/alerts/rules";
import { silenceFor, type TSilence } from "@/lib/alerts/silences";
import { alertCountSeries, chartWindowStart, type TChartBucket, type TChartRange } from "@/lib/alerts/chart";

// What the alerts page reads: active alerts (firing, then pending), the last day's resolved ones,
// each marked when a silence covers it, and the chart's counts. Checked here, next to the data.

export const ZAlertFilters = z.object({
  status: z.enum(["firing", "pending", "resolved"]).optional().catch(undefined),
  severity: z.enum(ALERT_SEVERITIES).optional().catch(undefined),
  range: z.enum(["24h", "7d"]).default("24h").catch("24h"),
});
export type TAlertFilters = z.infer<typeof ZAlertFilters>;

export const RESOLVED_WINDOW_HOURS = 24;
const LIST_LIMIT = 100;

export type TAlertRow = {
  id: string;
  fingerprint: string;
  source: string;
  name: string;
  severity: string;
  status: "pending" | "firing" | "resolved";
  summary: string;
  description: string | null;
  serviceId: string | null;
  runbook: string | null;
  startsAt: Date;
  endsAt: Date | null;
  lastSeenAt: Date;
  incidentId: string | null;
  silence: TSilence | null;
};

const alertSelect = {
  id: true,
  fingerprint: true,
  source: true,
  name: true,
  severity: true,
  status: true,
  summary: true,
  description: true,
  serviceId: true,
  runbook: true,
  startsAt: true,
  endsAt: true,
  lastSeenAt: true,
  incidentId: true,
} satisfies Prisma.AlertSelect;

function assertCanReadAlerts(user: Pick<TCurrentUser, "roles">) {
  if (!canOpen("/alerts", user.roles)) throw new NotAllowedError("Only viewers, support, operators and admins can read alerts");
}

export async function activeSilences(now: Date): Promise<TSilence[]> {
  return db.alertSilence.findMany({ where: { until: { gt: now } }, orderBy: { until: "desc" } });
}

// Loud before silenced, then critical before warning, then newest first.
const byAttention = (a: TAlertRow, b: TAlertRow) =>
  Number(!!a.silence) - Number(!!b.silence) || (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) || b.startsAt.getTime() - a.startsAt.getTime();

export type TAlertLists = { firing: TAlertRow[]; pending: TAlertRow[]; resolved: TAlertRow[]; silences: TSilence[] };

export async function listAlerts(user: Pick<TCurrentUser, "roles">, filters: TAlertFilters, now = new Date()): Promise<TAlertLists> {
  assertCanReadAlerts(user);
  const severity = filters.severity ? { severity: filters.severity } : {};
  const wants = (status: "firing" | "pending" | "resolved") => !filters.status || filters.status === status;
  const since = new Date(now.getTime() - RESOLVED_WINDOW_HOURS * 3_600_000);
  const [active, resolved, silences] = await Promise.all([
    wants("firing") || wants("pending")
      ? db.alert.findMany({
          where: { status: { in: (["firing", "pending"] as const).filter(wants) }, ...severity },
          orderBy: { startsAt: "desc" },
          take: LIST_LIMIT,
          select: alertSelect,
        })
      : [],
    wants("resolved") ? db.alert.findMany({ where: { status: "resolved", endsAt: { gte: since }, ...severity }, orderBy: { endsAt: "desc" }, take: LIST_LIMIT, select: alertSelect }) : [],
    activeSilences(now),
  ]);
  const mark = (a: (typeof active)[number]): TAlertRow => ({ ...a, silence: silenceFor(a, silences, now) });
  const rows = active.map(mark);
  return {
    firing: rows.filter((a) => a.status === "firing").sort(byAttention),
    pending: rows.filter((a) => a.status === "pending").sort(byAttention),
    resolved: resolved.map(mark),
    silences,
  };
}

/** Alert episodes started per bucket over the range, by severity. */
export async function alertChart(user: Pick<TCurrentUser, "roles">, range: TChartRange, now = new Date()): Promise<TChartBucket[]> {
  assertCanReadAlerts(user);
  const rows = await db.alert.findMany({ where: { startsAt: { gte: chartWindowStart(range, now) } }, select: { startsAt: true, severity: true }, take: 20_000 });
  return alertCountSeries({ alerts: rows, range, now });
}

/** Firing alerts no silence covers: the number for a navigation badge or the overview (0 for roles that cannot see alerts). */
export async function countLoudFiring(user: Pick<TCurrentUser, "roles">, now = new Date()): Promise<number> {
  if (!canOpen("/alerts", user.roles)) return 0;
  const [firing, silences] = await Promise.all([db.alert.findMany({ where: { status: "firing" }, select: { fingerprint: true, name: true }, take: 1_000 }), activeSilences(now)]);
  return firing.filter((a) => !silenceFor(a, silences, now)).length;
}
