// Silences mute an alert in OpsDeck's lists without stopping its recording: the episode keeps
// its times (for the history and the chart), it is only marked. Pure, shared by queries and tests.

export type TSilence = { id: string; fingerprint: string | null; alertName: string | null; until: Date; reason: string; createdBy: string; createdAt: Date };

/** The silence covering this alert now (the one lasting longest), or null. */
export function silenceFor(alert: { fingerprint: string; name: string }, silences: readonly TSilence[], now: Date): TSilence | null {
  let best: TSilence | null = null;
  for (const s of silences) {
    if (s.until <= now) continue;
    const isMatch = (s.fingerprint !== null && s.fingerprint === alert.fingerprint) || (s.alertName !== null && s.alertName === alert.name);
    if (isMatch && (!best || s.until > best.until)) best = s;
  }
  return best;
}

export const SILENCE_MINUTES = [15, 60, 240, 1440] as const;

export function silenceDurationLabel(minutes: number): string {
  return minutes < 60 ? `${minutes} min` : minutes < 1440 ? `${minutes / 60} h` : `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
}
