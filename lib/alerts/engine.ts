import "server-only";
import type { TPrisma } from "@/lib/db/prisma";
import { evaluateRules, type TAlertReadings, type TRuleOutcome, type TThresholdValues } from "@/lib/alerts/rules";
import { readAlertReadings, readThresholdValues, type TWatchedWallets } from "@/lib/alerts/readings";
import { noteResolvedAlerts, openIncidentsForAlerts } from "@/lib/incidents/from-alerts";

// The rules engine: read → evaluate → record. Recording follows Prometheus's alert states: a new
// instance is pending until it has held for its rule's `for`, then firing; one that no longer
// holds is resolved. Every instance evaluates it; a transaction-level advisory lock makes
// them take turns, so two instances never open the same alert twice.

export const RULES_SOURCE = "rules";
const LOCK = "opsdeck:alert-rules";

export type TEvaluation = { holding: number; created: number; fired: number; resolved: number; unknown: number };

export type TEvaluateOptions = {
  now?: Date;
  /** XRPL addresses to watch (default: XRPL_PLATFORM_ADDRESS / XRPL_FAUCET_ADDRESS). */
  wallets?: TWatchedWallets;
  /** A snapshot to use instead of reading the chains and the database (tests). */
  readings?: TAlertReadings;
  thresholds?: TThresholdValues;
};

/** Evaluates every rule now and records the outcome. Safe to run on many instances at once. */
export async function evaluateAlertRules(db: TPrisma, opts: TEvaluateOptions = {}): Promise<TEvaluation> {
  const now = opts.now ?? new Date();
  // Chain reads can take seconds: they happen before, never inside, the transaction.
  const [thresholds, readings] = await Promise.all([opts.thresholds ?? readThresholdValues(), opts.readings ?? readAlertReadings(db, { now, wallets: opts.wallets })]);
  return recordRuleOutcome(db, evaluateRules(readings, thresholds), now);
}

const isActive = { in: ["pending", "firing"] as ("pending" | "firing")[] };

export async function recordRuleOutcome(db: TPrisma, outcome: TRuleOutcome, now: Date): Promise<TEvaluation> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${LOCK}))`;
    const active = await tx.alert.findMany({ where: { source: RULES_SOURCE, status: isActive }, orderBy: { startsAt: "asc" } });
    const byFingerprint = new Map(active.map((a) => [a.fingerprint, a]));
    const result: TEvaluation = { holding: outcome.holding.length, created: 0, fired: 0, resolved: 0, unknown: outcome.unknown.length };

    for (const alert of outcome.holding) {
      const existing = byFingerprint.get(alert.fingerprint);
      const common = {
        name: alert.name,
        severity: alert.severity,
        summary: alert.summary,
        serviceId: alert.serviceId,
        runbook: alert.runbook,
        labels: { ...alert.labels, forSeconds: String(alert.forSeconds) },
        lastSeenAt: now,
      };
      if (!existing) {
        const status = alert.forSeconds === 0 ? "firing" : "pending";
        // ON CONFLICT DO NOTHING: an episode that already started at this very instant (fingerprint +
        // startsAt is unique) is not opened twice, and a failed INSERT would abort the transaction.
        const { count } = await tx.alert.createMany({ data: [{ ...common, fingerprint: alert.fingerprint, source: RULES_SOURCE, status, startsAt: now }], skipDuplicates: true });
        result.created += count;
        if (count && status === "firing") result.fired++;
        continue;
      }
      // Not earlier than when it started: an instance whose clock lags must not "un-age" an alert.
      const seenAt = now > existing.lastSeenAt ? now : existing.lastSeenAt;
      const shouldFire = existing.status === "pending" && seenAt.getTime() - existing.startsAt.getTime() >= alert.forSeconds * 1000;
      await tx.alert.update({ where: { id: existing.id }, data: { ...common, lastSeenAt: seenAt, ...(shouldFire ? { status: "firing" } : {}) } });
      if (shouldFire) result.fired++;
    }

    const holding = new Set(outcome.holding.map((a) => a.fingerprint));
    // Alerts whose data could not be read stay as they are: "unreadable" is not "fine".
    // "rule:*" stands for every alert of that rule (a source that lists its subjects could not be read).
    const unknown = new Set(outcome.unknown);
    const unknownPrefixes = outcome.unknown.filter((u) => u.endsWith("*")).map((u) => u.slice(0, -1));
    const gone = active.filter((a) => !holding.has(a.fingerprint) && !unknown.has(a.fingerprint) && !unknownPrefixes.some((p) => a.fingerprint.startsWith(p)));
    if (gone.length) {
      const { count } = await tx.alert.updateMany({ where: { id: { in: gone.map((a) => a.id) }, status: isActive }, data: { status: "resolved", endsAt: now } });
      result.resolved = count;
      await noteResolvedAlerts(tx, gone.map((a) => a.id), now);
    }
    await openIncidentsForAlerts(tx, now);
    return result;
  });
}
