import "server-only";
import { Client } from "pg";
import { ProbeError, elapsedSince, endpointUrl, threshold, timeoutMessage } from "@/lib/probes/outcome";
import type { TProbeInput, TProbeOutcome } from "@/lib/probes/types";

// Connect, SELECT 1, then how close the server is to max_connections. Thresholds (the guide's
// "DB connections high" and "DB connections exhausted", RB-02):
//   connectionsWarnPct  80  client connections above this share of max_connections → degraded
//   connectionsCritPct  95  above this → error: new connections are about to be refused
// The endpoint URL carries a password: errors are pg's own messages, which never echo it, and
// runProbe redacts the endpoint's secrets from whatever a probe returns besides.

type TPgInternals = { connection?: { stream?: { destroy(): void } } };

export async function probePostgres({ spec, signal }: TProbeInput): Promise<TProbeOutcome> {
  endpointUrl({ endpoint: spec.endpoint, protocols: ["postgres:", "postgresql:"] });
  const client = new Client({
    connectionString: spec.endpoint,
    connectionTimeoutMillis: spec.timeoutMs,
    statement_timeout: spec.timeoutMs,
    query_timeout: spec.timeoutMs,
    application_name: "opsdeck-probe",
  });
  // A connection dropped while the probe winds down is no news; unhandled it would crash the job.
  client.on("error", () => {});
  // At the deadline pg may be waiting on a silent server, where end() waits too: cut the socket.
  const onAbort = () => (client as unknown as TPgInternals).connection?.stream?.destroy();
  signal.addEventListener("abort", onAbort, { once: true });

  const started = performance.now();
  try {
    await client.connect();
    await client.query("SELECT 1");
    const latencyMs = elapsedSince(started);
    // Background workers have slots of their own; only client backends count against max_connections.
    const activity = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend'");
    const setting = await client.query<{ max_connections: string }>("SHOW max_connections");
    const connections = activity.rows[0]?.n ?? 0;
    const maxConnections = Number(setting.rows[0]?.max_connections);
    const connectionsPct = maxConnections > 0 ? Math.round((connections / maxConnections) * 1000) / 10 : null;
    const detail = { latencyMs, connections, maxConnections: maxConnections || null, connectionsPct };

    if (connectionsPct !== null && connectionsPct > threshold({ spec, name: "connectionsCritPct", fallback: 95 })) {
      return { status: "error", latencyMs, detail, error: `connections at ${connectionsPct}% of max_connections` };
    }
    const isBusy = connectionsPct !== null && connectionsPct > threshold({ spec, name: "connectionsWarnPct", fallback: 80 });
    return { status: isBusy ? "degraded" : "ok", latencyMs, detail, error: null };
  } catch (err) {
    // pg words its timeouts several ways ("Connection terminated due to connection timeout",
    // "Query read timeout", "canceling statement due to statement timeout").
    if (err instanceof Error && /timeout/i.test(err.message)) throw new ProbeError(timeoutMessage(spec.timeoutMs));
    throw err;
  } finally {
    signal.removeEventListener("abort", onAbort);
    // Not awaited: a server that stops answering must not hold the probe past its deadline.
    client.end().catch(() => {});
  }
}
