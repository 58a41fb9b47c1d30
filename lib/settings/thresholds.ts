import { z } from "zod";

// Alert and safety thresholds, with the defaults the platform guides use. Changed only through
// the settings.threshold.update operation (two approvers); read by alerts, faucet, disputes.

export const THRESHOLDS = {
  platformWalletWarnXrp: { label: "Platform wallet — warning below", unit: "XRP", default: 50, group: "Wallets" },
  platformWalletCritXrp: { label: "Platform wallet — critical below", unit: "XRP", default: 5, group: "Wallets" },
  faucetBalanceWarn: { label: "Faucet balance — warning below", unit: "XRP", default: 1000, group: "Faucet" },
  faucetBalanceCrit: { label: "Faucet balance — critical below", unit: "XRP", default: 100, group: "Faucet" },
  syncLagBlocks: { label: "Event sync lag — alert above (for 5 min)", unit: "blocks", default: 100, group: "Chains" },
  syncCursorStaleMinutes: { label: "Sync cursor unchanged — alert after", unit: "minutes", default: 10, group: "Chains" },
  disputeRatePct: { label: "Dispute rate over 24 h — alert above", unit: "%", default: 20, group: "Disputes" },
  disputeSlaHours: { label: "Dispute — resolve within", unit: "hours", default: 24, group: "Disputes" },
  largeResolutionUsdt: { label: "Dispute resolution needs an approver above", unit: "USDT", default: 5000, group: "Disputes" },
  // Treasury transfers always need two approvers; above these amounts a third (escrow guide §8: multisig practice).
  treasuryTransferLimitXrp: { label: "Treasury transfer — extra approver above", unit: "XRP", default: 10000, group: "Treasury" },
  treasuryTransferLimitUsdt: { label: "Treasury transfer — extra approver above", unit: "USDT", default: 10000, group: "Treasury" },
  feeMismatchTolerance: { label: "Fee reconciliation — alert when a day is off by more than", unit: "USDT", default: 0.01, group: "Treasury" },
  dailyCheckHourUtc: { label: "Daily operations check — runs at (hour, UTC)", unit: "h", default: 8, group: "Daily check" },
  tlsExpiryDays: { label: "TLS certificate — alert when it expires within", unit: "days", default: 7, group: "Services" },
  // Incident response targets (the escrow guide §7: triage within 5 min; respond by severity).
  incidentTriageMinutes: { label: "Incident — triage within", unit: "minutes", default: 5, group: "Incidents" },
  incidentMitigateP0Minutes: { label: "P0 — mitigating within", unit: "minutes", default: 15, group: "Incidents" },
  incidentMitigateP1Minutes: { label: "P1 — mitigating within", unit: "minutes", default: 60, group: "Incidents" },
  incidentMitigateP2Minutes: { label: "P2 — mitigating within", unit: "minutes", default: 240, group: "Incidents" },
  incidentMitigateP3Minutes: { label: "P3 — mitigating within", unit: "minutes", default: 1440, group: "Incidents" },
} as const;

export type TThresholdKey = keyof typeof THRESHOLDS;
export const THRESHOLD_KEYS = Object.keys(THRESHOLDS) as [TThresholdKey, ...TThresholdKey[]];
export const ZThresholdKey = z.enum(THRESHOLD_KEYS);

export const settingKey = (key: TThresholdKey) => `threshold.${key}`;

/** A threshold's value from its settings row: what an operation stored, or the guides' default. */
export function thresholdFromRow(key: TThresholdKey, row: { value: unknown } | null | undefined): number {
  return typeof row?.value === "number" ? row.value : THRESHOLDS[key].default;
}
