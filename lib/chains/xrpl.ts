import "server-only";
import { Client, dropsToXrp, type AccountInfoResponse, type ServerInfoResponse } from "xrpl";
import { env } from "@/lib/env";
import { observeChainCall } from "@/lib/chains/call-metrics";
import { callWithFailover, createEndpointPool, type TEndpointPool, type TEndpointRole } from "@/lib/chains/failover";

// The XRPL client: one xrpl.js Client (a WebSocket) per endpoint behind the failover pool. A
// socket that drops is reconnected on the next call; a dead endpoint fails fast and is set aside.

export type TXrplChain = {
  key: "xrpl";
  name: string;
  pool: TEndpointPool;
  clients: Map<string, Client>;
  timeoutMs: number;
};

export function createXrplChain(config: { name: string; primaryUrl: string; fallbackUrl?: string | null; timeoutMs?: number }): TXrplChain {
  const endpoints: { role: TEndpointRole; url: string }[] = [{ role: "primary", url: config.primaryUrl }];
  if (config.fallbackUrl) endpoints.push({ role: "fallback", url: config.fallbackUrl });
  const timeoutMs = config.timeoutMs ?? 8_000;
  return {
    key: "xrpl",
    name: config.name,
    pool: createEndpointPool({ chain: config.name, endpoints }),
    clients: new Map(endpoints.map((e) => [e.url, new Client(e.url, { connectionTimeout: timeoutMs, timeout: timeoutMs })])),
    timeoutMs,
  };
}

const holder = globalThis as unknown as { opsdeckXrpl?: TXrplChain | null };

/** The configured XRPL network, or null when XRPL_WS_URL is not set. */
export function xrplChain(): TXrplChain | null {
  if (holder.opsdeckXrpl !== undefined) return holder.opsdeckXrpl;
  const e = env();
  holder.opsdeckXrpl = e.XRPL_WS_URL ? createXrplChain({ name: e.XRPL_NETWORK_NAME, primaryUrl: e.XRPL_WS_URL, fallbackUrl: e.XRPL_WS_FALLBACK_URL, timeoutMs: e.CHAIN_TIMEOUT_MS }) : null;
  return holder.opsdeckXrpl;
}

/** Replaces the configured network (integration tests point OpsDeck at their own dev ledger). */
export function setXrplChain(chain: TXrplChain | null) {
  holder.opsdeckXrpl = chain;
}

async function connected(client: Client): Promise<Client> {
  if (!client.isConnected()) await client.connect();
  return client;
}

export async function xrplCall<T>(chain: TXrplChain, label: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const { value } = await callWithFailover(chain.pool, async (endpoint) => fn(await connected(chain.clients.get(endpoint.url)!)), {
    timeoutMs: chain.timeoutMs,
    label: `${chain.name} ${label}`,
    onResult: observeChainCall(chain.key),
  });
  return value;
}

export type TXrplServer = {
  buildVersion: string;
  serverState: string;
  validatedLedger: number;
  ledgerAgeSeconds: number;
  peers: number;
  loadFactor: number;
  baseFeeXrp: number;
  reserveBaseXrp: number;
  reserveIncXrp: number;
  completeLedgers: string;
};

export async function readXrplServer(chain: TXrplChain): Promise<TXrplServer> {
  const response: ServerInfoResponse = await xrplCall(chain, "server_info", (c) => c.request({ command: "server_info" }));
  const info = response.result.info;
  const validated = info.validated_ledger;
  return {
    buildVersion: info.build_version,
    serverState: info.server_state,
    validatedLedger: validated?.seq ?? 0,
    ledgerAgeSeconds: validated?.age ?? 0,
    peers: info.peers ?? 0,
    loadFactor: info.load_factor ?? 1,
    baseFeeXrp: validated?.base_fee_xrp ?? 0,
    reserveBaseXrp: validated?.reserve_base_xrp ?? 0,
    reserveIncXrp: validated?.reserve_inc_xrp ?? 0,
    completeLedgers: info.complete_ledgers,
  };
}

export type TXrpBalance = {
  address: string;
  /** XRP, as decimal strings (drops are exact; floats are not). */
  total: string;
  reserve: string;
  spendable: string;
  ownerCount: number;
  sequence: number;
};

/**
 * An account's XRP split into what it can spend and what the reserve locks (base reserve plus
 * one owner reserve per object it owns). Null for an account the ledger does not have (unfunded).
 */
export async function readXrpBalance(chain: TXrplChain, address: string): Promise<TXrpBalance | null> {
  let info: AccountInfoResponse;
  try {
    info = await xrplCall(chain, "account_info", (c) => c.request({ command: "account_info", account: address, ledger_index: "validated" }));
  } catch (err) {
    if ((err as { data?: { error?: string } }).data?.error === "actNotFound") return null;
    throw err;
  }
  const server = await readXrplServer(chain);
  const data = info.result.account_data;
  const totalDrops = BigInt(data.Balance);
  const reserveDrops = BigInt(Math.round((server.reserveBaseXrp + server.reserveIncXrp * data.OwnerCount) * 1_000_000));
  const spendableDrops = totalDrops > reserveDrops ? totalDrops - reserveDrops : 0n;
  return {
    address,
    total: String(dropsToXrp(totalDrops.toString())),
    reserve: String(dropsToXrp(reserveDrops.toString())),
    spendable: String(dropsToXrp(spendableDrops.toString())),
    ownerCount: data.OwnerCount,
    sequence: data.Sequence,
  };
}

export async function closeXrplClients(chain: TXrplChain) {
  await Promise.all([...chain.clients.values()].map((c) => (c.isConnected() ? c.disconnect() : undefined)));
}
