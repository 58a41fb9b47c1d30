import type { TServiceKind } from "@/lib/services/catalog";

// Endpoint rules per kind. Credentials never go in the catalog (it is shown, exported and
// audited): an endpoint that needs them names an environment variable instead ("env:NAME").

export const ENV_REFERENCE = /^env:([A-Z][A-Z0-9_]*)$/;

const SCHEMES: Record<TServiceKind, string[]> = {
  http: ["http:", "https:"],
  postgres: ["postgres:", "postgresql:"],
  redis: ["redis:", "rediss:"],
  evm: ["http:", "https:"],
  xrpl: ["ws:", "wss:"],
  tcp: [],
};

/** Why this endpoint is not acceptable for the kind, or null. */
export function endpointProblem(kind: TServiceKind, endpoint: string): string | null {
  if (ENV_REFERENCE.test(endpoint)) return null;
  if (kind === "tcp") return /^(tcp:\/\/)?[a-zA-Z0-9.\-[\]:]+:\d{1,5}$/.test(endpoint) ? null : "Use host:port";
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `Use a ${SCHEMES[kind].map((s) => s.replace(":", "://")).join(" or ")} URL, or env:NAME`;
  }
  if (!SCHEMES[kind].includes(url.protocol)) return `A ${kind} endpoint starts with ${SCHEMES[kind].map((s) => s.replace(":", "://")).join(" or ")}`;
  if (url.username || url.password) return "Put credentials in the environment and use env:NAME here";
  return null;
}

/** What may be shown of an endpoint: the scheme and host, never a path, query or credential. */
export function endpointLabel(endpoint: string | null): string {
  if (!endpoint) return "not probed";
  if (ENV_REFERENCE.test(endpoint)) return endpoint;
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}`;
  } catch {
    return endpoint.replace(/^tcp:\/\//, "");
  }
}
