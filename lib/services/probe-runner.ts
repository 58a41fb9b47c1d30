import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import { envReference } from "@/lib/env";
import { runProbe } from "@/lib/probes/run";
import { applyFlapGuard } from "@/lib/probes/flap-guard";
import type { TProbeKind, TProbeOutcome } from "@/lib/probes/types";
import { ENV_REFERENCE } from "@/lib/services/endpoint";

// Runs the probes that are due. Each service is claimed by moving its nextCheckAt forward in one
// UPDATE … FOR UPDATE SKIP LOCKED, so several instances never probe the same service twice; the
// probes then run concurrently, each bounded by its own timeout, so one hanging target never
// delays the others.

export const PROBE_CONCURRENCY = 16;
export const RESULT_RETENTION_DAYS = 30;

type TDue = { id: string; kind: TProbeKind; endpoint: string; timeoutMs: number; thresholds: Prisma.JsonValue; intervalSeconds: number };

export async function runDueProbes(db: TPrisma, { now = new Date(), limit = 200 }: { now?: Date; limit?: number } = {}) {
  const due = await db.$queryRaw<TDue[]>`
    UPDATE "Service" SET "nextCheckAt" = ${now}::timestamptz + make_interval(secs => "intervalSeconds")
    WHERE id IN (
      SELECT id FROM "Service"
      WHERE endpoint IS NOT NULL AND "nextCheckAt" <= ${now}::timestamptz
      ORDER BY "nextCheckAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind::text AS kind, endpoint, "timeoutMs", thresholds, "intervalSeconds"`;
  if (due.length === 0) return { probed: 0 };

  // EVM services compare their head with another RPC of the same chain (the catalog's other EVM endpoints).
  const evmEndpoints = await db.service.findMany({ where: { kind: "evm", endpoint: { not: null } }, select: { id: true, endpoint: true } });

  const queue = [...due];
  const worker = async () => {
    for (let service = queue.shift(); service; service = queue.shift()) {
      const fallback = service.kind === "evm" ? (evmEndpoints.find((e) => e.id !== service!.id)?.endpoint ?? null) : null;
      const outcome = await runProbe({
        kind: service.kind,
        endpoint: resolveEndpoint(service.endpoint),
        timeoutMs: service.timeoutMs,
        thresholds: numericThresholds(service.thresholds),
        fallbackEndpoint: fallback ? resolveEndpoint(fallback) : null,
      });
      await recordOutcome(db, service.id, outcome, new Date());
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROBE_CONCURRENCY, due.length) }, worker));
  return { probed: due.length };
}

export function resolveEndpoint(endpoint: string): string {
  const ref = ENV_REFERENCE.exec(endpoint);
  if (!ref) return endpoint;
  return envReference(ref[1]!) ?? `missing-env://${ref[1]}`;
}

export function numericThresholds(value: Prisma.JsonValue): Record<string, number> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === "number"));
}

/** Stores one observation and moves the shown status through the flap guard. */
export async function recordOutcome(db: TPrisma, serviceId: string, outcome: TProbeOutcome, at: Date) {
  await db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ status: "ok" | "degraded" | "error" | "unknown"; pendingStatus: "ok" | "degraded" | "error" | "unknown" | null; pendingCount: number }[]>`
      SELECT status::text AS status, "pendingStatus"::text AS "pendingStatus", "pendingCount" FROM "Service" WHERE id = ${serviceId} FOR UPDATE`;
    if (!current) return; // deleted meanwhile
    const next = applyFlapGuard(current, outcome.status);
    await tx.probeResult.create({
      data: { serviceId, at, status: outcome.status, latencyMs: outcome.latencyMs === null ? null : Math.round(outcome.latencyMs), detail: outcome.detail, error: outcome.error },
    });
    await tx.service.update({
      where: { id: serviceId },
      data: {
        status: next.status,
        pendingStatus: next.pendingStatus,
        pendingCount: next.pendingCount,
        ...(next.changed ? { statusSince: at } : {}),
        lastCheckedAt: at,
        lastLatencyMs: outcome.latencyMs === null ? null : Math.round(outcome.latencyMs),
        lastError: outcome.error,
        lastDetail: outcome.detail,
      },
    });
  });
}

/** Probe history older than the retention window goes (the 30-day uptime needs no more). */
export async function pruneProbeResults(db: TPrisma, now = new Date()) {
  const cutoff = new Date(now.getTime() - RESULT_RETENTION_DAYS * 86_400_000);
  const { count } = await db.probeResult.deleteMany({ where: { at: { lt: cutoff } } });
  return count;
}
