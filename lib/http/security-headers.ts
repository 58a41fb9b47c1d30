// The browser-side hardening every page response carries (set by proxy.ts). Pure, unit tested.

export function contentSecurityPolicy({ nonce, isTls, isDev }: { nonce: string; isTls: boolean; isDev: boolean }): string {
  return [
    "default-src 'self'",
    // Only scripts carrying this request's nonce (and what they load) run.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes are used by the component kit and charts; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isTls ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** A write from another site's page: browsers always send Origin on cross-origin requests. */
export function isCrossOriginWrite({ method, origin, host }: { method: string; origin: string | null; host: string | null }): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  if (!origin) return false; // machine clients (monitors, webhooks) send none and carry no cookies of ours
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
