import type { TThresholdValues } from "@/lib/alerts/rules";

// Severity levels, lifecycle and response clocks (the escrow guide §7). Pure: shared by the
// pages, the operations and the metrics.

export const SEVERITIES = ["P0", "P1", "P2", "P3"] as const;
export type TSeverity = (typeof SEVERITIES)[number];

export const SEVERITY_INFO: Record<TSeverity, { label: string; description: string; response: string; examples: string }> = {
  P0: { label: "P0", description: "Funds at risk, exploit active", response: "Immediate", examples: "Reentrancy exploit, contract drain" },
  P1: { label: "P1", description: "Service down, data breach", response: "< 1 hour", examples: "API down, database compromised, all RPCs down" },
  P2: { label: "P2", description: "Degraded service, fraud", response: "< 4 hours", examples: "High latency, sync lag, high dispute rate" },
  P3: { label: "P3", description: "Minor issue, cosmetic", response: "< 24 hours", examples: "UI glitch, non-critical log error" },
};

export const STATUSES = ["detected", "triaged", "mitigating", "resolved", "postmortem_done"] as const;
export type TIncidentStatus = (typeof STATUSES)[number];

export const STATUS_LABEL: Record<TIncidentStatus, string> = {
  detected: "Detected",
  triaged: "Triaged",
  mitigating: "Mitigating",
  resolved: "Resolved",
  postmortem_done: "Post-mortem done",
};

/** Still needs people: the portal banner, the overview and alert intake look at these. */
export const OPEN_STATUSES = ["detected", "triaged", "mitigating"] as const satisfies readonly TIncidentStatus[];

export function isOpen(status: TIncidentStatus): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** The lifecycle only moves forward; skipping ahead fills in the skipped stages' times. */
export function canMoveTo(from: TIncidentStatus, to: TIncidentStatus): boolean {
  return STATUSES.indexOf(to) > STATUSES.indexOf(from);
}

/** The column that records when an incident reached a status. */
export const STATUS_TIME = {
  triaged: "triagedAt",
  mitigating: "mitigatingAt",
  resolved: "resolvedAt",
  postmortem_done: "postmortemDoneAt",
} as const satisfies Record<Exclude<TIncidentStatus, "detected">, string>;

export type TSlaTargets = { triageMinutes: number; mitigateMinutes: Record<TSeverity, number> };

export function slaTargets(t: TThresholdValues): TSlaTargets {
  return {
    triageMinutes: t.incidentTriageMinutes,
    mitigateMinutes: { P0: t.incidentMitigateP0Minutes, P1: t.incidentMitigateP1Minutes, P2: t.incidentMitigateP2Minutes, P3: t.incidentMitigateP3Minutes },
  };
}

export type TSlaClock = {
  clock: "triage" | "mitigate";
  targetSeconds: number;
  /** Seconds from detection until it was reached, or until now while running. */
  elapsedSeconds: number;
  state: "met" | "missed" | "running" | "overdue";
};

type TTimes = { severity: TSeverity; detectedAt: Date; triagedAt: Date | null; mitigatingAt: Date | null };

/** Time to triage and time to mitigate, each against its target, from detection. */
export function slaClocks(incident: TTimes, targets: TSlaTargets, now: Date): TSlaClock[] {
  const clock = (name: TSlaClock["clock"], reachedAt: Date | null, targetMinutes: number): TSlaClock => {
    const targetSeconds = Math.round(targetMinutes * 60);
    const end = reachedAt ?? now;
    const elapsedSeconds = Math.max(0, Math.round((end.getTime() - incident.detectedAt.getTime()) / 1000));
    const over = elapsedSeconds > targetSeconds;
    return { clock: name, targetSeconds, elapsedSeconds, state: reachedAt ? (over ? "missed" : "met") : over ? "overdue" : "running" };
  };
  // Mitigating (or resolving straight away) stops the mitigate clock; it implies triage too.
  const mitigatedAt = incident.mitigatingAt;
  return [clock("triage", incident.triagedAt ?? mitigatedAt, targets.triageMinutes), clock("mitigate", mitigatedAt, targets.mitigateMinutes[incident.severity])];
}

export function incidentRef(number: number): string {
  return `INC-${number}`;
}

/** "4 min", "1 h 20 min", "2 d 3 h": durations as said on a call. */
export function durationLabel(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
