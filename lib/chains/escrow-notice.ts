// The setting that announces an emergency pause across OpsDeck (the banner) until it is unpaused.
export const ESCROW_PAUSE_NOTICE_KEY = "chain.escrow.pauseNotice";

export type TEscrowPauseNotice = { by: string; note: string; at: string; txHash: string };
