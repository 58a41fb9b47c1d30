/** Only same-site paths may be redirect targets after sign-in (no open redirects). */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value) return "/";
  try {
    // Absolute URLs are reduced to their path when they point at any origin: the caller's own
    // origin is the only one a relative path can reach.
    const url = new URL(value, "http://opsdeck.invalid");
    if (url.origin !== "http://opsdeck.invalid") return "/";
    if (url.pathname.startsWith("/sign-in") || url.pathname.startsWith("/api/")) return "/";
    return url.pathname + url.search;
  } catch {
    return "/";
  }
}
