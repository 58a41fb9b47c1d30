// The `route` and `method` labels of the HTTP metrics. Plain ESM (no TypeScript, no imports) because
// server.mjs runs outside Next's bundle and imports it directly; the app imports the same file, so
// there is one normaliser. Types: route-label.d.mts.
//
// A label value is a time series per value for ever, so it must come from a small, fixed set:
// ids inside paths become ":id"; a 404 is "not_found" and proxy.ts's redirect of a signed-out
// request is "sign_in_redirect", whatever the path (scanners probe thousands of made-up paths, and
// both answers come before anything checked that the path exists); http-stats.mjs caps the
// number of distinct routes on top of this.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^\d+$/;
const PREFIXED_HEX = /^0x[0-9a-f]+$/i; // EVM addresses and transaction hashes
const BARE_HEX = /^[0-9a-f]{16,}$/i; // XRPL transaction hashes, digests
const XRPL_ADDRESS = /^r[1-9A-HJ-NP-Za-km-z]{24,34}$/;
// Anything else long with a digit in it is an opaque token (a reset link, a cursor), not a route.
const OPAQUE_TOKEN = /^(?=.*\d)[\w.~%-]{20,}$/;

const TO_SIGN_IN = /^(?:https?:\/\/[^/]+)?\/sign-in(?:[?#]|$)/;

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** True when a path segment is a value (an id, a hash, an address) rather than part of a route. */
export function isIdSegment(segment) {
  return UUID.test(segment) || NUMBER.test(segment) || PREFIXED_HEX.test(segment) || BARE_HEX.test(segment) || XRPL_ADDRESS.test(segment) || OPAQUE_TOKEN.test(segment);
}

/**
 * The route label for a request URL ("/approvals/3f2…?tab=votes" → "/approvals/:id").
 * A 404 gives "not_found" and a redirect to /sign-in (`location`) "sign_in_redirect", whatever the path was.
 */
export function routeLabel(url, status, location) {
  if (status === 404) return "not_found";
  if (status >= 300 && status < 400 && TO_SIGN_IN.test(String(location ?? ""))) return "sign_in_redirect";
  const path = String(url ?? "/").split(/[?#]/, 1)[0] || "/";
  if (!path.startsWith("/")) return "other"; // absolute-form or "*" request targets
  // Next's own assets: one label per kind (/_next/static, /_next/image, …), never per file.
  if (path.startsWith("/_next/")) return `/_next/${path.split("/")[2] || ""}`.replace(/\/$/, "");
  const segments = path.split("/").filter(Boolean).map((s) => (isIdSegment(s) ? ":id" : s));
  return `/${segments.join("/")}`;
}

/** The method label: the standard methods as they are, anything else "other". */
export function methodLabel(method) {
  const upper = String(method ?? "").toUpperCase();
  return METHODS.has(upper) ? upper : "other";
}
