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
  largeResolutionUsdt: { label: "Dispute resolution needs an approver above", unit: "USDT", default: 5000, group: "Disputes" },
  tlsExpiryDays: { label: "TLS certificate — alert when it expires within", unit: "days", default: 7, group: "Services" },
} as const;

export type TThresholdKey = keyof typeof THRESHOLDS;
export const THRESHOLD_KEYS = Object.keys(THRESHOLDS) as [TThresholdKey, ...TThresholdKey[]];
export const ZThresholdKey = z.enum(THRESHOLD_KEYS);

export const settingKey = (key: TThresholdKey) => `threshold.${key}`;
