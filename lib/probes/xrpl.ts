import "server-only";
import WebSocket from "ws";
import { ProbeError, elapsedSince, endpointUrl, threshold, timeoutMessage, worstStatus } from "@/lib/probes/outcome";
import type { TProbeInput, TProbeOutcome, TProbeStatus } from "@/lib/probes/types";

// A rippled WebSocket endpoint: one connection, one server_info. Thresholds:
//   ledgerAgeWarnSeconds  20  validated ledger older → degraded (ledgers close every 3–5 s, so
//                             this is several missed closes)
//   ledgerAgeCritSeconds  60  older → error: the node is not following the network
//   minPeers               0  fewer peers → degraded (0 so standalone and dev ledgers pass; a
//                             mainnet node wants ~10)
//   loadFactorWarn        10  load_factor above → degraded: the server is overloaded and
//                             charges that multiple of the base fee
// A server_state other than full/proposing/validating (syncing, tracking, …) → degraded.

const SYNCED_STATES = new Set(["full", "proposing", "validating"]);

type TServerInfo = {
  server_state?: string;
  peers?: number;
  load_factor?: number;
  validated_ledger?: { seq?: number; age?: number };
};

function serverInfo({ url, timeoutMs, signal }: { url: string; timeoutMs: number; signal: AbortSignal }): Promise<TServerInfo> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { handshakeTimeout: timeoutMs });
    let isDone = false;
    const finish = (result: TServerInfo | Error) => {
      if (isDone) return;
      isDone = true;
      signal.removeEventListener("abort", onAbort);
      // terminate, not close: no waiting on a close handshake from a server that may be stuck.
      ws.terminate();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onAbort = () => finish(new ProbeError(timeoutMessage(timeoutMs)));
    signal.addEventListener("abort", onAbort, { once: true });
    ws.on("open", () => ws.send(JSON.stringify({ id: 1, command: "server_info" })));
    ws.on("message", (data) => {
      let msg: { id?: unknown; status?: string; error?: string; error_message?: string; result?: { info?: TServerInfo } };
      try {
        msg = JSON.parse(String(data));
      } catch {
        return finish(new ProbeError("not a rippled response"));
      }
      if (msg.id !== 1) return;
      if (msg.status === "error" || msg.error) return finish(new ProbeError(`server_info: ${msg.error_message ?? msg.error ?? "error"}`));
      finish(msg.result?.info ?? new ProbeError("server_info returned no info"));
    });
    ws.on("unexpected-response", (_req, res) => finish(new ProbeError(`HTTP ${res.statusCode}`)));
    // `on`: terminate() on a connecting socket emits one more error after we are done.
    ws.on("error", (err) => finish(err));
    ws.on("close", () => finish(new ProbeError("connection closed")));
  });
}

export async function probeXrpl({ spec, signal }: TProbeInput): Promise<TProbeOutcome> {
  endpointUrl({ endpoint: spec.endpoint, protocols: ["ws:", "wss:"] });
  const started = performance.now();
  const info = await serverInfo({ url: spec.endpoint, timeoutMs: spec.timeoutMs, signal });
  const latencyMs = elapsedSince(started);

  const ledger = info.validated_ledger;
  const detail = {
    latencyMs,
    validatedLedger: ledger?.seq ?? null,
    ledgerAgeSeconds: ledger?.age ?? null,
    peers: info.peers ?? null,
    loadFactor: info.load_factor ?? null,
    serverState: info.server_state ?? null,
  };
  // Without a validated ledger the node can neither confirm payments nor serve current balances.
  if (!ledger || typeof ledger.seq !== "number") return { status: "error", latencyMs, detail, error: "no validated ledger" };
  const age = ledger.age ?? 0;
  if (age > threshold({ spec, name: "ledgerAgeCritSeconds", fallback: 60 })) {
    return { status: "error", latencyMs, detail, error: `validated ledger is ${age} s old` };
  }

  const checks: TProbeStatus[] = [
    SYNCED_STATES.has(info.server_state ?? "") ? "ok" : "degraded",
    age > threshold({ spec, name: "ledgerAgeWarnSeconds", fallback: 20 }) ? "degraded" : "ok",
    (info.peers ?? 0) < threshold({ spec, name: "minPeers", fallback: 0 }) ? "degraded" : "ok",
    (info.load_factor ?? 1) > threshold({ spec, name: "loadFactorWarn", fallback: 10 }) ? "degraded" : "ok",
  ];
  return { status: worstStatus(checks), latencyMs, detail, error: null };
}
