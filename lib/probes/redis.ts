import "server-only";
import { createClient } from "redis";
import { ProbeError, elapsedSince, endpointUrl, threshold, timeoutMessage } from "@/lib/probes/outcome";
import type { TProbeInput, TProbeOutcome } from "@/lib/probes/types";

// PING, then memory use against maxmemory. Thresholds (the guide's "Redis high memory" and
// "Redis OOM", RB-08):
//   memoryWarnPct  70  used_memory above this share of maxmemory → degraded
//   memoryCritPct  90  above this → error: eviction or OOM errors are close
// With maxmemory 0 (no limit) memoryPct is null and memory never fails the probe.

/** `key:value` lines of an INFO section. */
function infoFields(info: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of info.split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0 && !line.startsWith("#")) fields.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  return fields;
}

export async function probeRedis({ spec, signal }: TProbeInput): Promise<TProbeOutcome> {
  endpointUrl({ endpoint: spec.endpoint, protocols: ["redis:", "rediss:"] });
  const client = createClient({
    url: spec.endpoint,
    // No reconnects: one attempt per probe run, and a refused connection fails at once.
    socket: { connectTimeout: spec.timeoutMs, reconnectStrategy: false },
    // Commands on a connection that is gone fail instead of queueing for a reconnect.
    disableOfflineQueue: true,
  });
  // node-redis emits 'error' besides rejecting connect(); without a listener it would crash the job.
  client.on("error", () => {});
  const onAbort = () => client.destroy();
  signal.addEventListener("abort", onAbort, { once: true });

  const started = performance.now();
  try {
    await client.connect();
    await client.ping();
    const latencyMs = elapsedSince(started);
    const fields = infoFields(String(await client.info("memory")));
    const usedMemoryBytes = Number(fields.get("used_memory") ?? Number.NaN);
    const maxMemoryBytes = Number(fields.get("maxmemory") ?? 0);
    const memoryPct = maxMemoryBytes > 0 && Number.isFinite(usedMemoryBytes) ? Math.round((usedMemoryBytes / maxMemoryBytes) * 1000) / 10 : null;
    const detail = { latencyMs, usedMemoryBytes: Number.isFinite(usedMemoryBytes) ? usedMemoryBytes : null, maxMemoryBytes, memoryPct };

    if (memoryPct !== null && memoryPct > threshold({ spec, name: "memoryCritPct", fallback: 90 })) {
      return { status: "error", latencyMs, detail, error: `memory at ${memoryPct}% of maxmemory` };
    }
    const isHigh = memoryPct !== null && memoryPct > threshold({ spec, name: "memoryWarnPct", fallback: 70 });
    return { status: isHigh ? "degraded" : "ok", latencyMs, detail, error: null };
  } catch (err) {
    // node-redis exports no timeout error class from its entry point; its message is stable.
    if (err instanceof Error && /^(Connection timeout|Socket timeout)/.test(err.message)) throw new ProbeError(timeoutMessage(spec.timeoutMs));
    throw err;
  } finally {
    signal.removeEventListener("abort", onAbort);
    client.destroy();
  }
}
