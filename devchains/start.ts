// The local chains the demo and the tests run on: a Hardhat node with the escrow platform and a
// generated history, and the XRPL dev ledger with funded platform wallets. Each gets a second,
// independent endpoint (a loopback forwarder / a second listener) to act as the RPC fallback.
// `npm run chains` runs them on their standard ports until Ctrl-C.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Client, Wallet, xrpToDrops } from "xrpl";
import { startHardhatNode, type THardhatNode } from "./evm/node";
import { deployPlatform, type TPlatformAddresses } from "./evm/deploy";
import { generateHistory } from "./evm/history";
import { DEV_ACCOUNTS, DEV_ROLES } from "./evm/accounts";
import { startXrplDevLedger } from "./xrpl/server";
import { startTcpProxy } from "./tcp-proxy";

export type TDevChainsOptions = {
  evmPort?: number;
  /** Default 31337. */
  evmChainId?: number;
  evmFallbackPort?: number;
  xrplPort?: number;
  xrplFallbackPort?: number;
  /** Where the XRPL ledger keeps its state between runs and the node writes its log (omit: in memory). */
  stateDir?: string;
  /** Orders in the generated escrow history, spread over `spreadDays` ending now. */
  orders?: number;
  spreadDays?: number;
  xrplCloseMs?: number;
  /** Also mine an empty block this often (0: only when a transaction arrives), so the chain looks alive and confirmations accrue. */
  evmBlockMs?: number;
  onProgress?: (line: string) => void;
};

/** XRPL wallets the platform runs on. Derived from fixed labels, so they are the same every run. */
export const XRPL_WALLET_FUNDING = { platform: 100_000, faucet: 50_000, treasury: 250_000, "test-1": 1_000, "test-2": 1_000, "test-3": 1_000 } as const;
export type TXrplWalletName = keyof typeof XRPL_WALLET_FUNDING;

/** Not funded on purpose: the next keys of the faucet and the platform wallet, which a rotation funds first. */
export const XRPL_UNFUNDED_WALLETS = ["faucet-next", "platform-next"] as const;

export function devXrplWallet(name: TXrplWalletName | (typeof XRPL_UNFUNDED_WALLETS)[number]): Wallet {
  const entropy = crypto.createHash("sha256").update(`opsdeck-dev-xrpl:${name}`).digest().subarray(0, 16);
  return Wallet.fromEntropy(entropy);
}

export type TDevChains = {
  env: Record<string, string>;
  evm: TPlatformAddresses & { rpcUrl: string; fallbackUrl: string };
  xrpl: { url: string; fallbackUrl: string; genesis: { address: string; seed: string } };
  info: Record<string, unknown>;
  evmNode: THardhatNode;
  stop(): Promise<void>;
};

export async function startDevChains(opts: TDevChainsOptions = {}): Promise<TDevChains> {
  const say = opts.onProgress ?? (() => {});
  const spreadDays = opts.spreadDays ?? 0;
  if (opts.stateDir) fs.mkdirSync(opts.stateDir, { recursive: true });

  say("starting the EVM node");
  const evmNode = await startHardhatNode({
    port: opts.evmPort ?? 0,
    initialDate: spreadDays ? new Date(Date.now() - spreadDays * 86_400_000) : undefined,
    logFile: opts.stateDir ? path.join(opts.stateDir, "hardhat.log") : undefined,
    chainId: opts.evmChainId,
  });
  const evmFallback = await startTcpProxy({ target: { host: "127.0.0.1", port: evmNode.port }, port: opts.evmFallbackPort ?? 0 });
  const addresses = await deployPlatform({ rpcUrl: evmNode.url, feeBps: 100 });
  if (opts.orders) {
    say(`generating ${opts.orders} escrow orders over ${spreadDays || "<1"} days`);
    await generateHistory({ rpcUrl: evmNode.url, addresses, orders: opts.orders, seed: 7, spreadDays: spreadDays || undefined });
  }

  if (opts.evmBlockMs) await evmRpc(evmNode.url, "evm_setIntervalMining", [opts.evmBlockMs]);

  say("starting the XRPL dev ledger");
  const ledger = await startXrplDevLedger({
    port: opts.xrplPort ?? 0,
    closeIntervalMs: opts.xrplCloseMs ?? 3_000,
    stateFile: opts.stateDir ? path.join(opts.stateDir, "xrpl-ledger.json") : undefined,
  });
  const xrplFallback = await ledger.openEndpoint({ port: opts.xrplFallbackPort ?? 0 });
  const wallets = await fundXrplWallets(ledger.url, ledger.genesis.seed, () => ledger.closeLedger());

  const env: Record<string, string> = {
    EVM_RPC_URL: evmNode.url,
    EVM_RPC_FALLBACK_URL: evmFallback.url("http"),
    EVM_CHAIN_ID: String(addresses.chainId),
    EVM_CHAIN_NAME: "Local EVM (Hardhat)",
    ESCROW_ADDRESS: addresses.escrow,
    USDT_ADDRESS: addresses.token,
    ESCROW_DEPLOY_BLOCK: String(addresses.deployBlock),
    ESCROW_OWNER_KEY: DEV_ROLES.owner.privateKey,
    XRPL_WS_URL: ledger.url,
    XRPL_WS_FALLBACK_URL: xrplFallback.url,
    XRPL_NETWORK_NAME: "Local XRPL dev ledger",
    // Dev keys for the faucet and the treasury (local chains only; see the account notes above).
    FAUCET_XRPL_SEED: devXrplWallet("faucet").seed!,
    FAUCET_XRPL_SEED_NEXT: devXrplWallet("faucet-next").seed!,
    FAUCET_EVM_KEY: DEV_ROLES.faucet.privateKey,
    FAUCET_EVM_KEY_NEXT: DEV_ACCOUNTS[19]!.privateKey,
    TREASURY_XRPL_SEED: devXrplWallet("treasury").seed!,
    TREASURY_EVM_KEY: DEV_ROLES.treasury.privateKey,
    PLATFORM_XRPL_SEED: devXrplWallet("platform").seed!,
    PLATFORM_XRPL_SEED_NEXT: devXrplWallet("platform-next").seed!,
  };
  const info = {
    evm: {
      rpcUrl: evmNode.url,
      fallbackUrl: evmFallback.url("http"),
      chainId: addresses.chainId,
      contracts: { escrow: addresses.escrow, token: addresses.token, arbitratorPool: addresses.arbitratorPool },
      deployBlock: addresses.deployBlock,
      // Hardhat's well-known dev accounts: public test keys, worthless anywhere but this local chain.
      accounts: {
        owner: DEV_ROLES.owner,
        treasury: DEV_ROLES.treasury,
        faucet: DEV_ROLES.faucet,
        arbitrators: DEV_ROLES.arbitrators,
        users: DEV_ROLES.users.slice(0, 4),
      },
    },
    xrpl: {
      wsUrl: ledger.url,
      fallbackUrl: xrplFallback.url,
      genesis: ledger.genesis,
      // Derived from fixed labels for this local ledger only; never use them on a real network.
      wallets,
    },
  };
  return {
    env,
    evm: { ...addresses, rpcUrl: evmNode.url, fallbackUrl: evmFallback.url("http") },
    xrpl: { url: ledger.url, fallbackUrl: xrplFallback.url, genesis: ledger.genesis },
    info,
    evmNode,
    async stop() {
      await Promise.allSettled([ledger.close(), evmFallback.close(), evmNode.stop()]);
    },
  };
}

async function evmRpc(url: string, method: string, params: unknown[]) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await res.json()) as { error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
}

async function fundXrplWallets(url: string, genesisSeed: string, closeLedger: () => Promise<number>) {
  const client = new Client(url);
  await client.connect();
  try {
    const genesis = Wallet.fromSeed(genesisSeed);
    const out: Record<string, { address: string; seed: string; xrp: number }> = {};
    for (const [name, xrp] of Object.entries(XRPL_WALLET_FUNDING) as [TXrplWalletName, number][]) {
      const wallet = devXrplWallet(name);
      out[name] = { address: wallet.address, seed: wallet.seed!, xrp };
      const exists = await client.request({ command: "account_info", account: wallet.address, ledger_index: "current" }).then(
        () => true,
        () => false,
      );
      if (exists) continue; // kept from an earlier run (stateFile)
      const prepared = await client.autofill({ TransactionType: "Payment", Account: genesis.address, Destination: wallet.address, Amount: xrpToDrops(xrp) });
      const signed = genesis.sign(prepared);
      const result = await client.submit(signed.tx_blob);
      if (result.result.engine_result !== "tesSUCCESS") throw new Error(`funding ${name} failed: ${result.result.engine_result}`);
    }
    await closeLedger();
    return out;
  } finally {
    await client.disconnect();
  }
}

if (require.main === module) {
  const evmPort = Number(process.env.EVM_PORT ?? 8545);
  const xrplPort = Number(process.env.XRPL_PORT ?? 6006);
  startDevChains({ evmPort, evmFallbackPort: evmPort + 1, xrplPort, xrplFallbackPort: xrplPort + 1, orders: 300, spreadDays: 30, evmBlockMs: 2_000, stateDir: ".opsdeck/chains", onProgress: (l) => console.log(`[chains] ${l}`) })
    .then((chains) => {
      console.log(JSON.stringify({ env: chains.env, ...chains.info }, null, 2));
      const stop = () => void chains.stop().then(() => process.exit(0));
      process.on("SIGINT", stop).on("SIGTERM", stop);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
