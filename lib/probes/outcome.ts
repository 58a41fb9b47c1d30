import "server-only";
import type { TProbeDetail, TProbeOutcome, TProbeSpec, TProbeStatus } from "@/lib/probes/types";

// Helpers shared by the probe kinds: thresholds, status arithmetic, short error messages and the
// redaction that keeps endpoint credentials out of what the job stores and the console shows.

/** An error whose message is already short and safe to show as is. */
export class ProbeError extends Error {}

export const timeoutMessage = (ms: number) => `timed out after ${ms} ms`;

export function threshold({ spec, name, fallback }: { spec: TProbeSpec; name: string; fallback: number }): number {
  const value = spec.thresholds?.[name];
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

const RANK: Record<TProbeStatus, number> = { ok: 0, degraded: 1, error: 2 };

export function worstStatus(statuses: readonly TProbeStatus[]): TProbeStatus {
  return statuses.reduce<TProbeStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), "ok");
}

export function failure({ error, detail = {}, latencyMs = null }: { error: string; detail?: TProbeDetail; latencyMs?: number | null }): TProbeOutcome {
  return { status: "error", latencyMs, detail, error };
}

export const elapsedSince = (started: number) => Math.round(performance.now() - started);

// Node's error codes (also nested in `cause` by fetch and in AggregateError by happy eyeballs),
// turned into the words an operator expects on a status page.
const CODE_MESSAGES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection closed",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found (DNS)",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  CERT_HAS_EXPIRED: "certificate expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "self-signed certificate in chain",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "certificate not trusted",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "certificate not trusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "certificate does not match the host name",
  HPE_INVALID_CONSTANT: "not an HTTP response",
};

function findCode(err: unknown, depth = 0): string | null {
  if (!err || typeof err !== "object" || depth > 3) return null;
  const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && CODE_MESSAGES[code]) return code;
  for (const inner of Array.isArray(errors) ? errors : []) {
    const found = findCode(inner, depth + 1);
    if (found) return found;
  }
  return findCode(cause, depth + 1);
}

/** A short, single-line message for any thrown value. */
export function describeError(err: unknown): string {
  if (err instanceof ProbeError) return err.message;
  const code = findCode(err);
  if (code) return CODE_MESSAGES[code]!;
  const message = err instanceof Error ? err.message : String(err);
  // fetch says only "fetch failed"; what failed is in its cause ("bad port", "other side closed").
  if (message === "fetch failed" && err instanceof Error && err.cause instanceof Error) return describeError(err.cause);
  return message.split("\n")[0]!.trim() || "failed";
}

/** The endpoint as a URL of one of the probe's protocols, e.g. ["postgres:", "postgresql:"]. */
export function endpointUrl({ endpoint, protocols }: { endpoint: string; protocols: readonly string[] }): URL {
  let url: URL | null = null;
  try {
    url = new URL(endpoint);
  } catch {
    // reported below
  }
  // Checked here, because the clients fill in defaults: an empty URL is localhost to node-redis.
  if (!url || !protocols.includes(url.protocol)) throw new ProbeError(`endpoint must start with ${protocols.map((p) => `${p}//`).join(" or ")}`);
  return url;
}

// Parts of an endpoint that may be a credential: the password, a token used as user name, API
// keys in query strings or path segments (https://rpc.example/v3/<key>).
function secretsOf(endpoint: string): string[] {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return [endpoint];
  }
  const secrets = [endpoint, url.password, safeDecode(url.password)];
  if (!url.password && url.username.length >= 16) secrets.push(url.username, safeDecode(url.username));
  // Long values only: "disable" in ?sslmode=disable is no secret, and hiding it would garble messages.
  for (const value of url.searchParams.values()) if (value.length >= 8) secrets.push(value);
  secrets.push(...url.pathname.split("/").filter((s) => s.length >= 16));
  return secrets.filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
}

function safeDecode(value: string) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const MAX_ERROR_CHARS = 200;

/** Removes the endpoints' credentials from the error and the string details; caps the error's length. */
export function redactOutcome(outcome: TProbeOutcome, endpoints: readonly (string | null | undefined)[]): TProbeOutcome {
  const secrets = endpoints.flatMap((e) => (e ? secretsOf(e) : []));
  const clean = (text: string) => secrets.reduce((t, secret) => t.split(secret).join("***"), text);
  const detail: TProbeDetail = {};
  for (const [key, value] of Object.entries(outcome.detail)) detail[key] = typeof value === "string" ? clean(value) : value;
  const error = outcome.error === null ? null : clean(outcome.error).slice(0, MAX_ERROR_CHARS);
  return { ...outcome, detail, error };
}
