import "server-only";
import net from "node:net";
import { ProbeError, elapsedSince, timeoutMessage } from "@/lib/probes/outcome";
import type { TProbeInput, TProbeOutcome } from "@/lib/probes/types";

// A bare TCP connect, for services with no protocol probe of their own (SMTP relays, brokers).
// No thresholds: a completed handshake is ok; refused, unreachable or timed out is an error.

/** "host:port", "tcp://host:port" or "[v6]:port". */
export function parseHostPort(endpoint: string): { host: string; port: number } {
  const bare = endpoint.trim().replace(/^tcp:\/\//i, "").replace(/\/+$/, "");
  const match = /^(?:\[([^\]]+)\]|([^:/]+)):(\d{1,5})$/.exec(bare);
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65_535) throw new ProbeError("endpoint is not host:port");
  return { host: match[1] ?? match[2]!, port };
}

export async function probeTcp({ spec, signal }: TProbeInput): Promise<TProbeOutcome> {
  const { host, port } = parseHostPort(spec.endpoint);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host, port, timeout: spec.timeoutMs });
    let isDone = false;
    const finish = (err?: Error) => {
      if (isDone) return;
      isDone = true;
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => finish(new ProbeError(timeoutMessage(spec.timeoutMs)));
    signal.addEventListener("abort", onAbort, { once: true });
    socket.once("connect", () => finish());
    socket.once("timeout", onAbort);
    // `on`, not `once`: a late second error must not become an uncaught exception.
    socket.on("error", (err) => finish(err));
  });
  const latencyMs = elapsedSince(started);
  return { status: "ok", latencyMs, detail: { latencyMs }, error: null };
}
