import "server-only";
import { describeError, failure, redactOutcome, timeoutMessage } from "@/lib/probes/outcome";
import { probeEvm } from "@/lib/probes/evm";
import { probeHttp } from "@/lib/probes/http";
import { probePostgres } from "@/lib/probes/postgres";
import { probeRedis } from "@/lib/probes/redis";
import { probeTcp } from "@/lib/probes/tcp";
import { probeXrpl } from "@/lib/probes/xrpl";
import type { TProbeInput, TProbeKind, TProbeOutcome, TProbeSpec } from "@/lib/probes/types";

// The one entry point of the probe job. Whatever the target does — refuse, hang, answer garbage —
// runProbe resolves within timeoutMs with an outcome: a probe that throws or hangs would stall
// the job's loop and hide every other service's health.

const PROBES: Record<TProbeKind, (input: TProbeInput) => Promise<TProbeOutcome>> = {
  http: probeHttp,
  postgres: probePostgres,
  redis: probeRedis,
  evm: probeEvm,
  xrpl: probeXrpl,
  tcp: probeTcp,
};

/** Used when a catalog entry has no usable timeout. */
const DEFAULT_TIMEOUT_MS = 5_000;

export async function runProbe(spec: TProbeSpec): Promise<TProbeOutcome> {
  const timeoutMs = Number.isFinite(spec.timeoutMs) && spec.timeoutMs > 0 ? Math.round(spec.timeoutMs) : DEFAULT_TIMEOUT_MS;
  // hasOwn: a kind read from a row must not reach Object.prototype ("toString").
  const probe = Object.hasOwn(PROBES, spec.kind) ? PROBES[spec.kind] : null;
  if (!probe) return failure({ error: `unknown probe kind "${String(spec.kind)}"` });

  // Each probe also sets socket timeouts of its own; the race is the guarantee, and the abort
  // tells the probe to destroy its sockets and clients once the race is decided.
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<TProbeOutcome>((resolve) => {
    timer = setTimeout(() => resolve(failure({ error: timeoutMessage(timeoutMs) })), timeoutMs);
  });
  let outcome: TProbeOutcome;
  try {
    outcome = await Promise.race([probe({ spec: { ...spec, timeoutMs }, signal: controller.signal }), deadline]);
  } catch (err) {
    outcome = failure({ error: describeError(err) });
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return redactOutcome(outcome, [spec.endpoint, spec.fallbackEndpoint]);
}
