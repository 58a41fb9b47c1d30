// Small pure formatters for alert lists (unit-tested with the rules).

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": how long something has been going on. */
export function durationText(from: Date, to: Date): string {
  const seconds = Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/**
 * A runbook reference is either one of OpsDeck's (RB-03, wallet-balance-check) or, from
 * Alertmanager, a URL. Only http(s) URLs become links: an annotation is sender-controlled text,
 * and a `javascript:` link would run in an operator's session.
 */
export function runbookLink(ref: string | null): { href: string | null; label: string } | null {
  if (!ref) return null;
  try {
    const url = new URL(ref);
    if (url.protocol === "https:" || url.protocol === "http:") return { href: url.toString(), label: url.host + (url.pathname === "/" ? "" : url.pathname) };
  } catch {
    // not a URL: one of our own references
  }
  return { href: null, label: ref };
}
