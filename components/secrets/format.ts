// Display helpers for the secrets page (pure, safe on server and client).

/** "40 min", "5 h", "12 d": a span at the precision someone deciding what to do needs. */
export function spanLabel(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** "in 5 d" or "5 d late" for a due date. */
export function dueLabel(dueAt: Date, now: Date): string {
  const ms = dueAt.getTime() - now.getTime();
  return ms > 0 ? `in ${spanLabel(ms)}` : `${spanLabel(ms)} late`;
}

/** The value a datetime-local field takes for a moment, in UTC (the portal's forms read it as UTC). */
export function utcInputValue(at: Date): string {
  return at.toISOString().slice(0, 16);
}
