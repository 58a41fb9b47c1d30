import type { TThresholdKey } from "@/lib/settings/thresholds";

// OpsDeck's own alert rules: the p2p-escrow guide's §2 "Alert Thresholds", the XRPL guide's
// wallet balance alerts and the faucet runbook's balance alert. Pure: a rule reads a snapshot of
// readings and the current thresholds and says which alert instances hold right now. Timing
// ("for 5 min") and persistence are the engine's job (engine.ts).

export type TAlertSeverity = "critical" | "warning" | "info";
export const ALERT_SEVERITIES = ["critical", "warning", "info"] as const satisfies readonly TAlertSeverity[];

/** The guide's incident levels: P0 (funds at risk) and P1 (service down) page someone now. */
export const SEVERITY_OF = { P0: "critical", P1: "critical", P2: "warning", P3: "info" } as const satisfies Record<string, TAlertSeverity>;

export type TThresholdValues = Record<TThresholdKey, number>;

export type TChainReading = {
  key: "evm" | "xrpl";
  name: string;
  /** As the chains page says it: degraded = answered by the fallback, error = nothing answers. */
  status: "ok" | "degraded" | "error";
  /** RB-07's manual switch pins the chain to its fallback: "degraded" then says nothing about the primary. */
  isPinnedToFallback: boolean;
  detail: string;
};

export type TWalletReading = {
  role: "platform" | "faucet";
  address: string;
  /** Total XRP (the guide's `Balance / 1e6`); 0 for an unfunded account; null when the ledger could not be read. */
  xrp: number | null;
};

export type TSyncReading = {
  chain: "evm";
  name: string;
  lastBlock: number;
  /** Blocks the cursor is behind the (confirmed) head; null when no head is known. */
  lagBlocks: number | null;
  secondsSinceMoved: number;
};

export type TEscrowReading = { chain: "evm"; name: string; address: string; paused: boolean | null };

export type TDisputeReading = { chain: "evm"; name: string; orders: number; disputed: number; windowHours: number };

export type TServiceReading = {
  id: string;
  name: string;
  kind: string;
  status: "ok" | "degraded" | "error" | "unknown";
  /** On the guide's critical path (Nginx → API → PostgreSQL → RPC): down means the platform is unusable. */
  isCritical: boolean;
  /** From the probe's last detail (`tlsDaysLeft`); null when the probe does not check TLS. */
  tlsDaysLeft: number | null;
  runbooks: string[];
};

/** A followed treasury account with lines of its own, as its last snapshot says. */
export type TTreasuryAccountReading = { id: string; label: string; address: string; symbol: string; spendable: number | null; warn: number | null; crit: number | null; isStale: boolean };

export type TFeeMismatchReading = { chain: string; token: string; symbol: string; day: string; expected: string; received: string; difference: string; elsewhere: { address: string; amount: string }[] };

export type TScheduleReading = {
  secrets: { id: string; name: string; dueAt: Date | null }[];
  backups: { id: string; name: string; lastSuccessAt: Date | null }[];
  restoreTests: { id: string; name: string; lastRestoreTestAt: Date | null }[];
};

export type TAlertReadings = {
  chains: TChainReading[];
  wallets: TWalletReading[];
  sync: TSyncReading | null;
  escrow: TEscrowReading | null;
  disputes: TDisputeReading | null;
  services: TServiceReading[];
  /** Treasury lines, fee reconciliation and the rotation/backup schedule (absent: not read). */
  treasury?: { accounts: TTreasuryAccountReading[]; feeMismatches: TFeeMismatchReading[] | null; schedule: TScheduleReading | null };
  /** Recurring maintenance checklists past their due date (absent: not read). */
  maintenance?: { id: string; title: string; nextDueAt: Date; ownerEmail: string | null }[] | null;
};

export type TAlertInstance = {
  /** Stable across evaluations: rule id + subject (`rpc-primary-down:evm`). */
  fingerprint: string;
  ruleId: string;
  name: string;
  severity: TAlertSeverity;
  summary: string;
  serviceId: string | null;
  runbook: string | null;
  /** How long it must hold before it fires (pending until then). */
  forSeconds: number;
  labels: Record<string, string>;
};

/** What the rules say now: what holds, and which fingerprints cannot be judged (their data could not be read). */
export type TRuleOutcome = { holding: TAlertInstance[]; unknown: string[] };

export type TAlertRule = {
  id: string;
  name: string;
  severity: TAlertSeverity;
  forSeconds: number;
  runbook: string | null;
  /** The condition in words, with the current thresholds (shown on the alerts page). */
  condition: (t: TThresholdValues) => string;
  evaluate: (r: TAlertReadings, t: TThresholdValues) => TRuleOutcome;
};

/** Fewer orders than this in 24 h and a dispute rate means nothing (2 of 3 is not a fraud wave). */
export const MIN_ORDERS_FOR_DISPUTE_RATE = 10;

const NONE: TRuleOutcome = { holding: [], unknown: [] };

type TInstanceFields = { summary: string; serviceId: string | null; runbook?: string | null; severity?: TAlertSeverity; labels?: Record<string, string> };
type TMake = (subject: string, fields: TInstanceFields) => TAlertInstance;

/** A rule whose evaluate gets `make`, which stamps the rule's id, name, severity, timing and runbook on an instance. */
function defineRule(def: Omit<TAlertRule, "evaluate"> & { evaluate: (r: TAlertReadings, t: TThresholdValues, make: TMake) => TRuleOutcome }): TAlertRule {
  const make: TMake = (subject, fields) => ({
    fingerprint: `${def.id}:${subject}`,
    ruleId: def.id,
    name: def.name,
    severity: fields.severity ?? def.severity,
    forSeconds: def.forSeconds,
    runbook: fields.runbook === undefined ? def.runbook : fields.runbook,
    summary: fields.summary,
    serviceId: fields.serviceId,
    labels: { rule: def.id, subject, severity: fields.severity ?? def.severity, ...fields.labels },
  });
  return { ...def, evaluate: (r, t) => def.evaluate(r, t, make) };
}

/** The catalog's service for a chain (kind evm/xrpl), preferring the primary endpoint's; the chain key when the catalog has none. */
export function chainServiceId(services: readonly TServiceReading[], key: "evm" | "xrpl"): string {
  const ofKind = services.filter((s) => s.kind === key).sort((a, b) => a.id.localeCompare(b.id));
  return (ofKind.find((s) => s.id.includes("primary")) ?? ofKind[0])?.id ?? key;
}

const xrp = (n: number) => `${n.toLocaleString("en-US", { maximumFractionDigits: 6 })} XRP`;

function walletRule(args: { id: string; name: string; severity: TAlertSeverity; role: TWalletReading["role"]; threshold: TThresholdKey; runbook: string; label: string }): TAlertRule {
  return defineRule({
    id: args.id,
    name: args.name,
    severity: args.severity,
    forSeconds: 0,
    runbook: args.runbook,
    condition: (t) => `${args.label} below ${xrp(t[args.threshold])}`,
    evaluate(r, t, make) {
      const wallet = r.wallets.find((w) => w.role === args.role);
      if (!wallet) return NONE;
      // Unreadable is not "fine": keep what is already raised until the ledger answers again.
      if (wallet.xrp === null) return { holding: [], unknown: [`${args.id}:${args.role}`] };
      if (!(wallet.xrp < t[args.threshold])) return NONE;
      return {
        holding: [
          make(args.role, {
            summary: `${args.label} ${wallet.address} holds ${xrp(wallet.xrp)}, below ${xrp(t[args.threshold])}`,
            serviceId: `${args.role}-wallet`,
            labels: { address: wallet.address },
          }),
        ],
        unknown: [],
      };
    },
  });
}

// Runbook references: RB-xx are the p2p-escrow guide's §6; "wallet-balance-check" is the XRPL
// guide's daily wallet check; "faucet-empty" is the faucet runbook's "Faucet Empty".
export const ALERT_RULES: readonly TAlertRule[] = [
  defineRule({
    id: "escrow-paused",
    name: "Escrow contract paused",
    severity: SEVERITY_OF.P0,
    forSeconds: 0,
    runbook: "RB-05",
    condition: () => "The escrow's paused() returns true",
    evaluate(r, _t, make) {
      const e = r.escrow;
      if (!e) return NONE;
      if (e.paused === null) return { holding: [], unknown: [`escrow-paused:${e.chain}`] };
      if (!e.paused) return NONE;
      return { holding: [make(e.chain, { summary: `The escrow ${e.address} on ${e.name} is paused: all trading is stopped`, serviceId: "escrow", labels: { address: e.address } })], unknown: [] };
    },
  }),
  defineRule({
    id: "rpc-both-down",
    name: "RPC primary and fallback down",
    severity: SEVERITY_OF.P1,
    forSeconds: 0,
    runbook: "RB-07",
    condition: () => "No RPC endpoint of a chain answers",
    evaluate(r, _t, make) {
      const holding = r.chains
        .filter((c) => c.status === "error")
        .map((c) => make(c.key, { summary: `${c.name}: no RPC endpoint answers (${c.detail})`, serviceId: chainServiceId(r.services, c.key) }));
      return { holding, unknown: [] };
    },
  }),
  defineRule({
    id: "rpc-primary-down",
    name: "RPC primary down, fallback active",
    severity: SEVERITY_OF.P2,
    forSeconds: 0,
    runbook: "RB-07",
    condition: () => "A chain's primary endpoint is set aside and its fallback answers",
    evaluate(r, _t, make) {
      const holding = r.chains
        // Pinned to the fallback by RB-07's switch: the primary was not asked, so it is not known to be down.
        .filter((c) => c.status === "degraded" && !c.isPinnedToFallback)
        .map((c) => make(c.key, { summary: `${c.name}: primary RPC endpoint down, calls go to the fallback`, serviceId: chainServiceId(r.services, c.key) }));
      return { holding, unknown: [] };
    },
  }),
  defineRule({
    id: "sync-stuck",
    name: "Event sync stuck",
    severity: SEVERITY_OF.P1,
    // The condition already spans the threshold's minutes; waiting again would double it.
    forSeconds: 0,
    runbook: "RB-03",
    condition: (t) => `The sync cursor has not moved for ${t.syncCursorStaleMinutes} min while the chain advanced`,
    evaluate(r, t, make) {
      const s = r.sync;
      if (!s || !(s.lagBlocks !== null && s.lagBlocks > 0) || !(s.secondsSinceMoved >= t.syncCursorStaleMinutes * 60)) return NONE;
      const minutes = Math.floor(s.secondsSinceMoved / 60);
      return {
        holding: [make(s.chain, { summary: `${s.name}: the event sync cursor (block ${s.lastBlock}) has not moved for ${minutes} min; ${s.lagBlocks} blocks behind`, serviceId: "escrow-sync" })],
        unknown: [],
      };
    },
  }),
  defineRule({
    id: "sync-lag",
    name: "Event sync lag",
    severity: SEVERITY_OF.P2,
    forSeconds: 300,
    runbook: "RB-03",
    condition: (t) => `The event sync is more than ${t.syncLagBlocks} blocks behind for 5 min`,
    evaluate(r, t, make) {
      const s = r.sync;
      if (!s || s.lagBlocks === null || !(s.lagBlocks > t.syncLagBlocks)) return NONE;
      return { holding: [make(s.chain, { summary: `${s.name}: the event sync is ${s.lagBlocks} blocks behind (alert above ${t.syncLagBlocks})`, serviceId: "escrow-sync" })], unknown: [] };
    },
  }),
  defineRule({
    id: "dispute-rate",
    name: "High dispute rate",
    severity: SEVERITY_OF.P2,
    forSeconds: 0,
    runbook: "RB-04",
    condition: (t) => `More than ${t.disputeRatePct} % of the orders created in 24 h disputed (at least ${MIN_ORDERS_FOR_DISPUTE_RATE} orders)`,
    evaluate(r, t, make) {
      const d = r.disputes;
      if (!d || d.orders < MIN_ORDERS_FOR_DISPUTE_RATE) return NONE;
      const pct = (d.disputed / d.orders) * 100;
      if (!(pct > t.disputeRatePct)) return NONE;
      return {
        holding: [make(d.chain, { summary: `${d.disputed} of ${d.orders} orders created in the last ${d.windowHours} h were disputed (${pct.toFixed(1)} %, alert above ${t.disputeRatePct} %)`, serviceId: "disputes" })],
        unknown: [],
      };
    },
  }),
  walletRule({ id: "wallet-balance-critical", name: "Platform wallet balance critical", severity: "critical", role: "platform", threshold: "platformWalletCritXrp", runbook: "wallet-balance-check", label: "Platform wallet" }),
  walletRule({ id: "wallet-balance-low", name: "Platform wallet balance low", severity: "warning", role: "platform", threshold: "platformWalletWarnXrp", runbook: "wallet-balance-check", label: "Platform wallet" }),
  walletRule({ id: "faucet-balance-critical", name: "Faucet balance critical", severity: "critical", role: "faucet", threshold: "faucetBalanceCrit", runbook: "faucet-empty", label: "Faucet wallet" }),
  walletRule({ id: "faucet-balance-low", name: "Faucet balance low", severity: "warning", role: "faucet", threshold: "faucetBalanceWarn", runbook: "faucet-empty", label: "Faucet wallet" }),
  defineRule({
    id: "treasury-balance",
    name: "Treasury account below its line",
    severity: SEVERITY_OF.P2,
    forSeconds: 0,
    runbook: null,
    condition: () => "A followed treasury account's balance is below its warning line (critical below its critical line)",
    evaluate(r, _t, make) {
      const holding: TAlertInstance[] = [];
      const unknown: string[] = [];
      for (const a of r.treasury?.accounts ?? []) {
        if (a.spendable === null || a.isStale) {
          unknown.push(`treasury-balance:${a.id}`);
          continue;
        }
        const isCrit = a.crit !== null && a.spendable < a.crit;
        if (!isCrit && !(a.warn !== null && a.spendable < a.warn)) continue;
        const line = isCrit ? a.crit! : a.warn!;
        holding.push(make(a.id, { summary: `${a.label} (${a.address}) holds ${a.spendable.toLocaleString("en-US")} ${a.symbol}, below ${line.toLocaleString("en-US")}`, serviceId: "treasury", severity: isCrit ? "critical" : "warning", labels: { address: a.address } }));
      }
      return { holding, unknown };
    },
  }),
  defineRule({
    id: "fee-reconciliation",
    name: "Fee reconciliation mismatch",
    severity: SEVERITY_OF.P2,
    forSeconds: 0,
    runbook: null,
    condition: (t) => `A day's fees received by the treasury differ from the escrow's OrderCompleted fees by more than ${t.feeMismatchTolerance} (critical when fees went to another address)`,
    evaluate(r, _t, make) {
      const days = r.treasury?.feeMismatches;
      if (days === null || days === undefined) return r.treasury ? { holding: [], unknown: ["fee-reconciliation:*"] } : NONE;
      const holding = days.map((d) => {
        const elsewhere = d.elsewhere.map((e) => `${e.amount} to ${e.address}`).join(", ");
        // Fees paid to an address that is not the treasury: the contract's treasury may have been changed (funds at risk).
        return make(`${d.chain}:${d.token}:${d.day}`, {
          summary: `${d.day}: ${d.expected} ${d.symbol} of fees expected, ${d.received} received (off by ${d.difference})${elsewhere ? `; paid elsewhere: ${elsewhere}` : ""}`,
          serviceId: "treasury",
          severity: d.elsewhere.length ? "critical" : "warning",
        });
      });
      return { holding, unknown: [] };
    },
  }),
  defineRule({
    id: "secret-rotation-overdue",
    name: "Secret rotation overdue",
    severity: SEVERITY_OF.P3,
    forSeconds: 0,
    runbook: null,
    condition: () => "A secret on the rotation schedule is past its due date",
    evaluate(r, _t, make) {
      const s = r.treasury?.schedule;
      if (!s) return r.treasury ? { holding: [], unknown: ["secret-rotation-overdue:*"] } : NONE;
      return { holding: s.secrets.map((x) => make(x.id, { summary: `${x.name}: rotation ${x.dueAt ? `was due ${x.dueAt.toISOString().slice(0, 10)}` : "never recorded"}`, serviceId: null })), unknown: [] };
    },
  }),
  defineRule({
    id: "backup-overdue",
    name: "Backup or restore test overdue",
    severity: SEVERITY_OF.P2,
    forSeconds: 0,
    runbook: null,
    condition: () => "A backup's last success is older than its schedule allows, or its monthly restore test is overdue",
    evaluate(r, _t, make) {
      const s = r.treasury?.schedule;
      if (!s) return r.treasury ? { holding: [], unknown: ["backup-overdue:*"] } : NONE;
      return {
        holding: [
          ...s.backups.map((b) => make(b.id, { summary: `${b.name}: last successful backup ${b.lastSuccessAt ? b.lastSuccessAt.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never recorded"}`, serviceId: null })),
          ...s.restoreTests.map((b) => make(`${b.id}:restore`, { summary: `${b.name}: restore test ${b.lastRestoreTestAt ? `last ${b.lastRestoreTestAt.toISOString().slice(0, 10)}` : "never recorded"} (monthly)`, serviceId: null, severity: "info" })),
        ],
        unknown: [],
      };
    },
  }),
  defineRule({
    id: "maintenance-overdue",
    name: "Maintenance overdue",
    severity: SEVERITY_OF.P3,
    forSeconds: 0,
    runbook: null,
    condition: () => "A weekly or monthly maintenance checklist is past its due date",
    evaluate(r, _t, make) {
      if (r.maintenance === undefined) return NONE;
      if (r.maintenance === null) return { holding: [], unknown: ["maintenance-overdue:*"] };
      return {
        holding: r.maintenance.map((m) => make(m.id, { summary: `${m.title} was due ${m.nextDueAt.toISOString().slice(0, 10)}${m.ownerEmail ? ` (owner ${m.ownerEmail})` : " (no owner)"}`, serviceId: null })),
        unknown: [],
      };
    },
  }),
  defineRule({
    id: "service-down",
    name: "Health check failing",
    severity: SEVERITY_OF.P1,
    // The probe job only reports "error" after two failures in a row (its flap guard).
    forSeconds: 0,
    runbook: "RB-01",
    condition: () => "A service's health check failed twice in a row (critical on the critical path, else warning)",
    evaluate(r, _t, make) {
      const holding = r.services
        .filter((s) => s.status === "error")
        // The guide's service map: a degraded-path service down leaves the platform working, with less.
        .map((s) => make(s.id, { summary: `${s.name} fails its health check`, serviceId: s.id, runbook: s.runbooks[0] ?? "RB-01", severity: s.isCritical ? "critical" : SEVERITY_OF.P2, labels: { kind: s.kind } }));
      return { holding, unknown: [] };
    },
  }),
  defineRule({
    id: "tls-expiry",
    name: "TLS certificate expiring",
    severity: SEVERITY_OF.P2,
    forSeconds: 0,
    // No RB covers it; the guide's daily `certbot renew` is the fix.
    runbook: null,
    condition: (t) => `A service's TLS certificate expires within ${t.tlsExpiryDays} days`,
    evaluate(r, t, make) {
      const holding = r.services
        .filter((s) => s.tlsDaysLeft !== null && s.tlsDaysLeft < t.tlsExpiryDays)
        .map((s) => {
          const days = s.tlsDaysLeft!;
          const when = days <= 0 ? "has expired" : `expires in ${Math.floor(days)} day${Math.floor(days) === 1 ? "" : "s"}`;
          return make(s.id, { summary: `The TLS certificate of ${s.name} ${when} (alert below ${t.tlsExpiryDays} days)`, serviceId: s.id });
        });
      return { holding, unknown: [] };
    },
  }),
];

/** Every rule against one snapshot. */
export function evaluateRules(readings: TAlertReadings, thresholds: TThresholdValues, rules: readonly TAlertRule[] = ALERT_RULES): TRuleOutcome {
  const holding: TAlertInstance[] = [];
  const unknown: string[] = [];
  for (const rule of rules) {
    const outcome = rule.evaluate(readings, thresholds);
    holding.push(...outcome.holding);
    unknown.push(...outcome.unknown);
  }
  return { holding, unknown };
}

export const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

/** Alertmanager labels carry whatever the rule author wrote; OpsDeck keeps three levels. */
export function normalizeSeverity(value: string | undefined | null): TAlertSeverity {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "critical" || v === "page" || v === "p0" || v === "p1" || v === "error" || v === "high") return "critical";
  if (v === "info" || v === "p3" || v === "low" || v === "none") return "info";
  return "warning";
}
