import "server-only";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { ProbeError, describeError, endpointUrl, failure, threshold, timeoutMessage, worstStatus } from "@/lib/probes/outcome";
import type { TProbeDetail, TProbeInput, TProbeOutcome, TProbeStatus } from "@/lib/probes/types";

// GET a health or landing URL. Thresholds (spec.thresholds overrides):
//   latencyWarnMs  1000  slower → degraded. The guide alerts on p95 > 2 s for 5 min; one probe
//                        over 1 s is the early sign of it.
// Any status but 2xx → error. A JSON body's `status` and `checks` (the guide's /health shape)
// count too, the worst wins. For https the certificate's expiry goes into detail for the alert
// rules ("SSL cert expiry < 7 days"); only an already expired one fails the probe.

const MAX_BODY_BYTES = 64 * 1024;
const DAY_MS = 86_400_000;

const BODY_STATUSES: Record<string, TProbeStatus> = {
  ok: "ok",
  healthy: "ok",
  up: "ok",
  pass: "ok",
  degraded: "degraded",
  warn: "degraded",
  warning: "degraded",
  error: "error",
  down: "error",
  unhealthy: "error",
  fail: "error",
  failed: "error",
};

/** Words outside the list (OpsDeck's own "not_configured", say) are not counted either way. */
function statusWord(value: unknown): TProbeStatus | null {
  return typeof value === "string" ? (BODY_STATUSES[value.trim().toLowerCase()] ?? null) : null;
}

type TBodyHealth = { bodyStatus: string | null; status: TProbeStatus; nonOkChecks: string[] };

/** `{ status, checks }` with checks as `{ name: { status } | "ok" }` or `[{ name, status }]`. */
export function bodyHealth(body: string): TBodyHealth | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) return null;
  const { status, checks } = json as { status?: unknown; checks?: unknown };
  if (typeof status !== "string" && (!checks || typeof checks !== "object")) return null;

  const entries: [string, unknown][] = Array.isArray(checks)
    ? checks.map((c, i) => [String((c as { name?: unknown })?.name ?? i), c])
    : Object.entries((checks as Record<string, unknown> | undefined) ?? {});
  const statuses: TProbeStatus[] = [statusWord(status) ?? "ok"];
  const nonOkChecks: string[] = [];
  for (const [name, check] of entries) {
    const checkStatus = statusWord(typeof check === "object" && check ? (check as { status?: unknown }).status : check);
    if (!checkStatus) continue;
    statuses.push(checkStatus);
    if (checkStatus !== "ok") nonOkChecks.push(name);
  }
  return { bodyStatus: typeof status === "string" ? status : null, status: worstStatus(statuses), nonOkChecks };
}

type TResponse = { statusCode: number; body: string; latencyMs: number };

function get({ url, timeoutMs, signal }: { url: URL; timeoutMs: number; signal: AbortSignal }): Promise<TResponse> {
  const client = url.protocol === "https:" ? https : http;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // agent: false: a fresh socket closed after the answer, so probes leave no pooled handles.
    const req = client.request(url, { method: "GET", agent: false, signal, timeout: timeoutMs, headers: { accept: "application/json, */*;q=0.5", "user-agent": "OpsDeck-probe" } });
    req.on("timeout", () => req.destroy(new ProbeError(timeoutMessage(timeoutMs))));
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), latencyMs: Math.round(performance.now() - started) });
        req.destroy();
      };
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        // A health body is small; anything longer is read no further.
        if (size >= MAX_BODY_BYTES) done();
      });
      res.on("end", done);
      res.on("error", reject);
    });
    req.end();
  });
}

/** valid_to of the certificate the server presents, read without trusting it. */
function peerCertificateValidTo({ url, timeoutMs, signal }: { url: URL; timeoutMs: number; signal: AbortSignal }): Promise<Date> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return new Promise((resolve, reject) => {
    // rejectUnauthorized: false only to read the certificate; the GET itself verifies it.
    const socket = tls.connect({ host, port: Number(url.port || 443), servername: net.isIP(host) ? undefined : host, rejectUnauthorized: false, timeout: timeoutMs });
    let isDone = false;
    const finish = (result: Date | Error) => {
      if (isDone) return;
      isDone = true;
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      if (result instanceof Date) resolve(result);
      else reject(result);
    };
    const onAbort = () => finish(new ProbeError(timeoutMessage(timeoutMs)));
    signal.addEventListener("abort", onAbort, { once: true });
    socket.on("timeout", onAbort);
    socket.on("error", finish);
    socket.once("secureConnect", () => {
      const validTo = new Date(socket.getPeerCertificate().valid_to ?? "");
      finish(Number.isNaN(validTo.getTime()) ? new ProbeError("no peer certificate") : validTo);
    });
  });
}

function tlsDetail(result: PromiseSettledResult<Date>): TProbeDetail {
  if (result.status === "rejected") return { tlsDaysLeft: null, tlsValidTo: null, tlsError: describeError(result.reason) };
  return { tlsDaysLeft: Math.floor((result.value.getTime() - Date.now()) / DAY_MS), tlsValidTo: result.value.toISOString() };
}

export async function probeHttp({ spec, signal }: TProbeInput): Promise<TProbeOutcome> {
  const url = endpointUrl({ endpoint: spec.endpoint, protocols: ["http:", "https:"] });

  const opts = { url, timeoutMs: spec.timeoutMs, signal };
  const isHttps = url.protocol === "https:";
  const [response, certificate] = await Promise.allSettled([get(opts), isHttps ? peerCertificateValidTo(opts) : Promise.resolve(new Date(Number.NaN))]);
  const tlsInfo = isHttps ? tlsDetail(certificate) : {};
  if (response.status === "rejected") return failure({ error: describeError(response.reason), detail: tlsInfo });

  const { statusCode, body, latencyMs } = response.value;
  const health = bodyHealth(body);
  const detail: TProbeDetail = {
    httpStatus: statusCode,
    latencyMs,
    ...(health ? { bodyStatus: health.bodyStatus, nonOkChecks: health.nonOkChecks.join(", ") || null } : {}),
    ...tlsInfo,
  };
  const isCertificateExpired = typeof tlsInfo.tlsDaysLeft === "number" && tlsInfo.tlsDaysLeft < 0;
  const isHttpOk = statusCode >= 200 && statusCode < 300;
  const status = worstStatus([
    isHttpOk && !isCertificateExpired ? "ok" : "error",
    latencyMs > threshold({ spec, name: "latencyWarnMs", fallback: 1000 }) ? "degraded" : "ok",
    health?.status ?? "ok",
  ]);
  let error: string | null = null;
  if (!isHttpOk) error = `HTTP ${statusCode}`;
  else if (isCertificateExpired) error = `certificate expired on ${tlsInfo.tlsValidTo}`;
  else if (status === "error") error = health?.nonOkChecks.length ? `failing checks: ${health.nonOkChecks.join(", ")}` : `health reports ${health?.bodyStatus ?? "error"}`;
  return { status, latencyMs, detail, error };
}
