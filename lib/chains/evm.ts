import "server-only";
import { Contract, FetchRequest, JsonRpcProvider, Network, formatUnits } from "ethers";
import { env } from "@/lib/env";
import { observeChainCall } from "@/lib/chains/call-metrics";
import { callWithFailover, createEndpointPool, type TEndpointPool, type TEndpointRole } from "@/lib/chains/failover";
import { ARBITRATOR_POOL_ABI, ERC20_ABI, ESCROW_ABI, ESCROW_STATUSES, type TEscrowStatus } from "@/lib/chains/evm-abi";

// The EVM chain client: one ethers provider per endpoint behind the failover pool, typed reads of
// the escrow, its token and the arbitrator pool. Writes go through chain-tx.ts (recorded first).

export type TEvmChain = {
  key: "evm";
  name: string;
  chainId: number;
  pool: TEndpointPool;
  providers: Map<string, JsonRpcProvider>;
  escrow: string | null;
  token: string | null;
  deployBlock: number;
  confirmations: number;
  timeoutMs: number;
  /** The escrow owner's signing key (ESCROW_OWNER_KEY). Server memory only; never put in a view. */
  ownerKey: string | null;
};

export type TEvmConfig = {
  name: string;
  chainId: number;
  primaryUrl: string;
  fallbackUrl?: string | null;
  escrow?: string | null;
  token?: string | null;
  deployBlock?: number;
  confirmations?: number;
  timeoutMs?: number;
  ownerKey?: string | null;
};

export function createEvmChain(config: TEvmConfig): TEvmChain {
  const endpoints: { role: TEndpointRole; url: string }[] = [{ role: "primary", url: config.primaryUrl }];
  if (config.fallbackUrl) endpoints.push({ role: "fallback", url: config.fallbackUrl });
  const timeoutMs = config.timeoutMs ?? 8_000;
  const network = Network.from(config.chainId);
  const providers = new Map(
    endpoints.map((e) => {
      const request = new FetchRequest(e.url);
      request.timeout = timeoutMs;
      // staticNetwork: never re-detect the chain id on errors (ethers would otherwise retry forever
      // against a dead node).
      // batchStallTime 0: calls made together (the sync's block reads) still share a request, but a
      // lone call does not wait 10 ms for company.
      return [e.url, new JsonRpcProvider(request, network, { staticNetwork: network, cacheTimeout: -1, batchStallTime: 0 })] as const;
    }),
  );
  return {
    key: "evm",
    name: config.name,
    chainId: config.chainId,
    pool: createEndpointPool({ chain: config.name, endpoints }),
    providers,
    escrow: config.escrow ?? null,
    token: config.token ?? null,
    deployBlock: config.deployBlock ?? 0,
    confirmations: config.confirmations ?? 2,
    timeoutMs,
    ownerKey: config.ownerKey ?? null,
  };
}

const holder = globalThis as unknown as { opsdeckEvm?: TEvmChain | null };

/** The configured EVM chain, or null when EVM_RPC_URL is not set. */
export function evmChain(): TEvmChain | null {
  if (holder.opsdeckEvm !== undefined) return holder.opsdeckEvm;
  const e = env();
  holder.opsdeckEvm = e.EVM_RPC_URL
    ? createEvmChain({
        name: e.EVM_CHAIN_NAME,
        chainId: e.EVM_CHAIN_ID,
        primaryUrl: e.EVM_RPC_URL,
        fallbackUrl: e.EVM_RPC_FALLBACK_URL,
        escrow: e.ESCROW_ADDRESS,
        token: e.USDT_ADDRESS,
        deployBlock: e.ESCROW_DEPLOY_BLOCK,
        confirmations: e.EVM_CONFIRMATIONS,
        timeoutMs: e.CHAIN_TIMEOUT_MS,
        ownerKey: e.ESCROW_OWNER_KEY,
      })
    : null;
  return holder.opsdeckEvm;
}

/** Replaces the configured chain (integration tests point OpsDeck at their own local node). */
export function setEvmChain(chain: TEvmChain | null) {
  holder.opsdeckEvm = chain;
}

/** The key chain-scoped rows (cursor, orders, sent transactions) are stored under. */
export function chainKey(chain: Pick<TEvmChain, "chainId">) {
  return `evm:${chain.chainId}`;
}

/** Runs a read against the first healthy endpoint, failing over on timeouts and connection errors. */
export async function evmCall<T>(chain: TEvmChain, label: string, fn: (provider: JsonRpcProvider) => Promise<T>): Promise<T> {
  const { value } = await callWithFailover(chain.pool, (endpoint) => fn(chain.providers.get(endpoint.url)!), {
    timeoutMs: chain.timeoutMs,
    label: `${chain.name} ${label}`,
    onResult: observeChainCall(chain.key),
  });
  return value;
}

export type THead = { number: number; hash: string; timestamp: number; ageSeconds: number };

export async function readHead(chain: TEvmChain): Promise<THead> {
  const block = await evmCall(chain, "getBlock", (p) => p.getBlock("latest"));
  if (!block?.hash) throw new Error(`${chain.name} returned no latest block`);
  return { number: block.number, hash: block.hash, timestamp: block.timestamp, ageSeconds: Math.max(0, Math.round(Date.now() / 1000 - block.timestamp)) };
}

export async function readNativeBalance(chain: TEvmChain, address: string): Promise<bigint> {
  return evmCall(chain, "getBalance", (p) => p.getBalance(address));
}

export type TTokenBalance = { raw: bigint; decimals: number; symbol: string; formatted: string };

export async function readTokenBalance(chain: TEvmChain, token: string, address: string): Promise<TTokenBalance> {
  return evmCall(chain, "balanceOf", async (p) => {
    const erc20 = new Contract(token, ERC20_ABI, p);
    const [raw, decimals, symbol] = (await Promise.all([erc20.getFunction("balanceOf")(address), erc20.getFunction("decimals")(), erc20.getFunction("symbol")()])) as [bigint, bigint, string];
    return { raw, decimals: Number(decimals), symbol, formatted: formatUnits(raw, decimals) };
  });
}

function requireEscrow(chain: TEvmChain): string {
  if (!chain.escrow) throw new Error(`${chain.name}: ESCROW_ADDRESS is not configured`);
  return chain.escrow;
}

export type TEscrowState = {
  address: string;
  owner: string;
  paused: boolean;
  treasury: string;
  arbitratorPool: string;
  nextOrderId: number;
  feeBps: number;
  token: { address: string; symbol: string; decimals: number; isSupported: boolean; heldByEscrow: string } | null;
};

export async function readEscrowState(chain: TEvmChain): Promise<TEscrowState> {
  const address = requireEscrow(chain);
  return evmCall(chain, "escrow state", async (p) => {
    const escrow = new Contract(address, ESCROW_ABI, p);
    const [owner, paused, treasury, arbitratorPool, nextOrderId, feeBps] = (await Promise.all([
      escrow.getFunction("owner")(),
      escrow.getFunction("paused")(),
      escrow.getFunction("treasury")(),
      escrow.getFunction("arbitratorPool")(),
      escrow.getFunction("nextOrderId")(),
      escrow.getFunction("feeBps")(),
    ])) as [string, boolean, string, string, bigint, bigint];
    let token: TEscrowState["token"] = null;
    if (chain.token) {
      const erc20 = new Contract(chain.token, ERC20_ABI, p);
      const [isSupported, symbol, decimals, held] = (await Promise.all([
        escrow.getFunction("supportedTokens")(chain.token),
        erc20.getFunction("symbol")(),
        erc20.getFunction("decimals")(),
        erc20.getFunction("balanceOf")(address),
      ])) as [boolean, string, bigint, bigint];
      token = { address: chain.token, symbol, decimals: Number(decimals), isSupported, heldByEscrow: formatUnits(held, decimals) };
    }
    return { address, owner, paused, treasury, arbitratorPool, nextOrderId: Number(nextOrderId), feeBps: Number(feeBps), token };
  });
}

export type TOnChainOrder = {
  id: number;
  buyer: string;
  seller: string;
  token: string;
  amount: bigint;
  fee: bigint;
  status: TEscrowStatus;
  createdAt: Date;
  paymentDeadline: Date;
  releaseDeadline: Date | null;
  arbitrator: string | null;
};

const ZERO = "0x0000000000000000000000000000000000000000";

export async function readOrder(chain: TEvmChain, id: number): Promise<TOnChainOrder | null> {
  const address = requireEscrow(chain);
  const o = await evmCall(chain, "orders", (p) => new Contract(address, ESCROW_ABI, p).getFunction("orders")(id));
  const status = ESCROW_STATUSES[Number(o.status)] ?? "none";
  if (status === "none") return null;
  return {
    id,
    buyer: o.buyer,
    seller: o.seller,
    token: o.token,
    amount: o.amount,
    fee: o.fee,
    status,
    createdAt: new Date(Number(o.createdAt) * 1000),
    paymentDeadline: new Date(Number(o.paymentDeadline) * 1000),
    releaseDeadline: Number(o.releaseDeadline) ? new Date(Number(o.releaseDeadline) * 1000) : null,
    arbitrator: o.arbitrator === ZERO ? null : o.arbitrator,
  };
}

export type TArbitrator = { address: string; stake: string; reputation: number; totalResolved: number; totalEarned: string; isActive: boolean; isAtRisk: boolean };

/** Every arbitrator who ever staked; "at risk" is the guide's reputation < 20 while active. */
export async function readArbitrators(chain: TEvmChain, poolAddress: string): Promise<TArbitrator[]> {
  return evmCall(chain, "arbitrators", async (p) => {
    const pool = new Contract(poolAddress, ARBITRATOR_POOL_ABI, p);
    const addresses = (await pool.getFunction("allArbitrators")()) as string[];
    const decimals = chain.token ? Number(await new Contract(chain.token, ERC20_ABI, p).getFunction("decimals")()) : 6;
    return Promise.all(
      addresses.map(async (address) => {
        const a = await pool.getFunction("arbitrators")(address);
        const reputation = Number(a.reputation);
        return {
          address,
          stake: formatUnits(a.stakeAmount, decimals),
          reputation,
          totalResolved: Number(a.totalResolved),
          totalEarned: formatUnits(a.totalEarned, decimals),
          isActive: a.isActive as boolean,
          isAtRisk: (a.isActive as boolean) && reputation < 20,
        };
      }),
    );
  });
}
