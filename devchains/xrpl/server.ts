import fs from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { WebSocketServer, type WebSocket } from "ws";
import { affectedAccounts, GENESIS_ACCOUNT, XrplLedgerState, type TClosedLedger, type TLedgerSnapshot } from "./ledger";
import { runMethod, type TSession } from "./methods";
import { engineResult, RpcError, RpcRawError, type TEngineResult } from "./results";
import { createIdentity } from "./server-methods";
import { ledgerStreamFields, txStreamJson } from "./views";

// A local XRPL ledger that answers like a standalone rippled over WebSocket, for development and
// tests. One ledger can be served on several ports at once, so a client's failover from a primary
// to a fallback endpoint can be exercised by closing one of them.
//
// Where it differs from rippled (what a user of it should know):
// - A bad signature answers the engine result temBAD_SIGNATURE; rippled's submit rejects it with
//   the error invalidTransaction ("fails local checks"). submitAndWait throws either way.
// - Only XRP Payment, AccountSet and SetRegularKey; issued currencies, other types → temDISABLED;
//   multi-signing → tefNOT_MULTI_SIGNING, tickets → tefNO_TICKET.
// - terPRE_SEQ is not held for later: the client resubmits once the gap is filled.
// - Open-ledger results are final; every closed ledger is validated at once; ledgers also close
//   on a timer (standalone rippled closes only on ledger_accept).
// - No fee escalation (load factor 1); API v2 shapes whatever api_version is asked; anyone may
//   call ledger_accept; no server-side signing.
// - Hashes are real-looking and stable but do not match a rippled's for the same history.
// - The state file is replayed from genesis at start; transactions not yet closed are lost.

export type TXrplEndpoint = { url: string; port: number; close: () => Promise<void> };
export type TXrplDevLedger = {
  url: string;
  port: number;
  genesis: { address: string; seed: string };
  /** Closes (and so validates) the open ledger now; resolves with the new validated ledger index. */
  closeLedger: () => Promise<number>;
  /** Serves the same ledger on one more port (0 = any free port). */
  openEndpoint: (opts?: { port?: number }) => Promise<TXrplEndpoint>;
  /** Stops one endpoint, the first one included, dropping its connections; the others keep serving. */
  closeEndpoint: (port: number) => Promise<void>;
  /** Stops the close timer and every endpoint, and waits for the last state file write. */
  close: () => Promise<void>;
};
export type TXrplDevLedgerOptions = { host?: string; port?: number; closeIntervalMs?: number; stateFile?: string };

const API_VERSIONS = new Set([1, 2, 3]);
const SECRET_FIELDS = new Set(["passphrase", "secret", "seed", "seed_hex"]);

async function loadLedger(stateFile: string | undefined): Promise<XrplLedgerState> {
  if (!stateFile) return XrplLedgerState.create();
  const text = await fs.readFile(stateFile, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (text === undefined) return XrplLedgerState.create();
  try {
    return XrplLedgerState.fromSnapshot(JSON.parse(text) as TLedgerSnapshot);
  } catch (error) {
    throw new Error(`Cannot load the XRPL dev ledger state from ${stateFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Writes next to the target and renames, so a crash mid-write never leaves half a ledger behind. */
async function writeAtomic(file: string, text: string) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, text);
  await fs.rename(temporary, file);
}

const toJson = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

export async function startXrplDevLedger(opts: TXrplDevLedgerOptions = {}): Promise<TXrplDevLedger> {
  const host = opts.host ?? "127.0.0.1";
  const ledger = await loadLedger(opts.stateFile);
  const identity = createIdentity();
  const sessions = new Map<WebSocket, TSession>();
  const endpoints = new Map<number, TXrplEndpoint>();
  let saving: Promise<void> = Promise.resolve();
  let isDirty = false;

  const save = (): Promise<void> => {
    const stateFile = opts.stateFile;
    if (!stateFile) return saving;
    isDirty = true;
    // Saves run one after another; closes that happen during a write are folded into the next one.
    saving = saving
      .then(async () => {
        if (!isDirty) return;
        isDirty = false;
        await writeAtomic(stateFile, JSON.stringify(ledger.toSnapshot()));
      })
      .catch((error: unknown) => console.error(`[xrpl-dev-ledger] could not save ${stateFile}:`, error));
    return saving;
  };

  const publish = (closed: TClosedLedger) => {
    const ledgerClosed = toJson({ type: "ledgerClosed", ...ledgerStreamFields(closed, ledger.completeLedgers()), txn_count: closed.txs.length });
    for (const [socket, session] of sessions) if (session.streams.has("ledger")) socket.send(ledgerClosed);
    for (const record of closed.txs) {
      const message = toJson(txStreamJson(record, closed, engineResult(record.meta.TransactionResult as TEngineResult)));
      const touched = affectedAccounts(record);
      for (const [socket, session] of sessions) {
        const isWatching = session.streams.has("transactions") || session.streams.has("transactions_proposed");
        if (isWatching || touched.some((a) => session.accounts.has(a))) socket.send(message);
      }
    }
  };

  const closeNow = (): number => {
    const closed = ledger.close();
    publish(closed);
    void save();
    return closed.header.ledger_index;
  };

  const reply = (raw: string, session: TSession): unknown => {
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { error: "jsonInvalid", type: "error", value: raw };
    }
    if (!request || typeof request !== "object" || Array.isArray(request)) return { error: "jsonInvalid", type: "error", value: raw };
    const echo = Object.fromEntries(["id", "api_version", "jsonrpc", "ripplerpc"].filter((k) => k in request).map((k) => [k, request[k]]));
    // Like rippled, an error echoes the request, with anything that could be a secret masked.
    const masked = Object.fromEntries(Object.entries(request).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? "<masked>" : v]));
    const failure = (fields: Record<string, unknown>) => ({ ...fields, ...echo, request: masked, status: "error", type: "response" });
    if (request.api_version !== undefined && !API_VERSIONS.has(request.api_version as number)) return failure({ error: "invalid_API_version" });
    const command = request.command ?? request.method;
    if (typeof command !== "string" || (request.command !== undefined && request.method !== undefined && request.command !== request.method)) {
      return failure({ error: "missingCommand" });
    }
    try {
      const result = runMethod(command, request, { ledger, identity, session, closeLedger: closeNow });
      return { ...echo, result, status: "success", type: "response" };
    } catch (error) {
      if (error instanceof RpcError || error instanceof RpcRawError) return failure(error.fields);
      console.error(`[xrpl-dev-ledger] ${command} failed:`, error);
      return failure(new RpcError("internal").fields);
    }
  };

  const openEndpoint = async (endpointOpts: { port?: number } = {}): Promise<TXrplEndpoint> => {
    const server = new WebSocketServer({ host, port: endpointOpts.port ?? 0 });
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
    });
    server.on("connection", (socket) => {
      const session: TSession = { streams: new Set(), accounts: new Set() };
      sessions.set(socket, session);
      socket.on("message", (data) => socket.send(toJson(reply(String(data), session))));
      socket.on("close", () => sessions.delete(socket));
      socket.on("error", () => socket.terminate());
    });
    const port = (server.address() as AddressInfo).port;
    const endpoint: TXrplEndpoint = {
      url: `ws://${host.includes(":") ? `[${host}]` : host}:${port}`,
      port,
      close: () =>
        new Promise<void>((resolve) => {
          endpoints.delete(port);
          for (const socket of server.clients) socket.terminate();
          server.close(() => resolve());
        }),
    };
    endpoints.set(port, endpoint);
    return endpoint;
  };

  const first = await openEndpoint({ port: opts.port });
  const closeIntervalMs = opts.closeIntervalMs ?? 3000;
  const closeOnTimer = () => {
    try {
      closeNow();
    } catch (error) {
      console.error("[xrpl-dev-ledger] closing the ledger failed:", error);
    }
  };
  const timer = closeIntervalMs > 0 ? setInterval(closeOnTimer, closeIntervalMs) : undefined;

  return {
    url: first.url,
    port: first.port,
    genesis: { address: GENESIS_ACCOUNT.address, seed: GENESIS_ACCOUNT.seed },
    closeLedger: async () => {
      const index = closeNow();
      await saving;
      return index;
    },
    openEndpoint,
    closeEndpoint: async (port) => {
      await endpoints.get(port)?.close();
    },
    close: async () => {
      clearInterval(timer);
      await Promise.all([...endpoints.values()].map((endpoint) => endpoint.close()));
      await saving;
    },
  };
}
