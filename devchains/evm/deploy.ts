// Deploys the local P2P platform (token, arbitrator pool, escrow), wires it up and funds the dev
// accounts. Every run deploys fresh contracts, so it can run twice against one node.
import { Contract, ContractFactory, ErrorFragment, Interface, JsonRpcProvider, NonceManager, Wallet, parseUnits, type Overrides } from "ethers";
import { DEV_ROLES } from "./accounts";
import { CONTRACT_NAMES, readArtifact, type TContractName } from "./compile";

export type TPlatformAddresses = {
  chainId: number;
  escrow: string;
  token: string;
  arbitratorPool: string;
  treasury: string;
  owner: string;
  /** First block of the deployment: where an event sync should start. */
  deployBlock: number;
};

export const USDT_DECIMALS = 6;
export const usdt = (amount: string | number) => parseUnits(String(amount), USDT_DECIMALS);

export const MIN_ARBITRATOR_STAKE = usdt(100);
const USER_FUNDING = usdt(1_000_000);
const FAUCET_FUNDING = usdt(10_000_000);
const ARBITRATOR_STAKES = [usdt(2_500), usdt(1_000), usdt(500)];

/**
 * Fixed gas and fees: ethers would otherwise ask the node for an estimate and fee data before each
 * transaction, which doubles the round trips. A failing call still surfaces at once, because
 * Hardhat's automine rejects a reverting transaction (throwOnTransactionFailures).
 */
export const DEV_TX_OVERRIDES: Overrides = {
  gasLimit: 600_000n,
  maxFeePerGas: parseUnits("50", "gwei"),
  maxPriorityFeePerGas: parseUnits("1", "gwei"),
};

/** A provider for scripts against the dev chain: no response cache (reads right after writes). */
export function createDevProvider(rpcUrl: string): JsonRpcProvider {
  return new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50, batchMaxCount: 1 });
}

/** NonceManager: consecutive sends from one key without waiting for the node's pending nonce. */
export function devSigner(provider: JsonRpcProvider, privateKey: string): NonceManager {
  return new NonceManager(new Wallet(privateKey, provider));
}

export function platformContract(name: TContractName, address: string, runner: JsonRpcProvider | NonceManager): Contract {
  return new Contract(address, readArtifact(name).abi, runner);
}

let errorsInterface: Interface | null = null;

/**
 * The custom error behind a failed call or send, decoded with the platform's ABIs. Hardhat reports
 * a reverted send as "could not coalesce error" with the revert data nested inside.
 */
export function decodeRevert(err: unknown): { name: string; args: unknown[] } | null {
  if (!errorsInterface) {
    const seen = new Map<string, ErrorFragment>();
    for (const name of CONTRACT_NAMES) {
      for (const fragment of new Interface(readArtifact(name).abi).fragments) {
        if (ErrorFragment.isFragment(fragment)) seen.set(fragment.format("sighash"), fragment);
      }
    }
    errorsInterface = new Interface([...seen.values()]);
  }
  for (const data of hexStrings(err, new Set())) {
    try {
      const parsed = errorsInterface.parseError(data);
      if (parsed) return { name: parsed.name, args: [...parsed.args] };
    } catch {
      // a matching selector with malformed arguments: keep looking
    }
  }
  return null;
}

function* hexStrings(value: unknown, seen: Set<unknown>): Generator<string> {
  if (typeof value === "string") {
    for (const [match] of value.matchAll(/0x[0-9a-fA-F]{8}(?:[0-9a-fA-F]{64})*(?![0-9a-fA-F])/g)) yield match;
    return;
  }
  if (!value || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Error) yield* hexStrings(value.message, seen);
  for (const nested of Object.values(value)) yield* hexStrings(nested, seen);
}

async function deployContract(name: TContractName, signer: NonceManager, args: unknown[]) {
  const artifact = readArtifact(name);
  const factory = new ContractFactory(artifact.abi, artifact.bytecode, signer);
  const contract = await factory.deploy(...args, { ...DEV_TX_OVERRIDES, gasLimit: 5_000_000n });
  const receipt = await contract.deploymentTransaction()?.wait();
  if (!receipt) throw new Error(`${name}: no deployment receipt`);
  return { address: await contract.getAddress(), blockNumber: receipt.blockNumber };
}

export async function deployPlatform(opts: { rpcUrl: string; feeBps?: number }): Promise<TPlatformAddresses> {
  const provider = createDevProvider(opts.rpcUrl);
  try {
    const { chainId } = await provider.getNetwork();
    const owner = devSigner(provider, DEV_ROLES.owner.privateKey);

    const token = await deployContract("TestUSDT", owner, []);
    const pool = await deployContract("ArbitratorPool", owner, [token.address, MIN_ARBITRATOR_STAKE]);
    const escrow = await deployContract("P2PEscrow", owner, [DEV_ROLES.treasury.address, pool.address, opts.feeBps ?? 100]);

    const poolAsOwner = platformContract("ArbitratorPool", pool.address, owner);
    const escrowAsOwner = platformContract("P2PEscrow", escrow.address, owner);
    const tokenAsOwner = platformContract("TestUSDT", token.address, owner);
    await poolAsOwner.getFunction("setEscrow")(escrow.address, DEV_TX_OVERRIDES);
    await escrowAsOwner.getFunction("setSupportedToken")(token.address, true, DEV_TX_OVERRIDES);

    const funded = [...DEV_ROLES.users, ...DEV_ROLES.arbitrators];
    for (const account of funded) await tokenAsOwner.getFunction("mint")(account.address, USER_FUNDING, DEV_TX_OVERRIDES);
    await tokenAsOwner.getFunction("mint")(DEV_ROLES.faucet.address, FAUCET_FUNDING, DEV_TX_OVERRIDES);

    for (const [i, arbitrator] of DEV_ROLES.arbitrators.entries()) {
      const signer = devSigner(provider, arbitrator.privateKey);
      const amount = ARBITRATOR_STAKES[i % ARBITRATOR_STAKES.length]!;
      await platformContract("TestUSDT", token.address, signer).getFunction("approve")(pool.address, amount, DEV_TX_OVERRIDES);
      await platformContract("ArbitratorPool", pool.address, signer).getFunction("stake")(amount, DEV_TX_OVERRIDES);
    }

    return {
      chainId: Number(chainId),
      escrow: escrow.address,
      token: token.address,
      arbitratorPool: pool.address,
      treasury: DEV_ROLES.treasury.address,
      owner: DEV_ROLES.owner.address,
      deployBlock: token.blockNumber,
    };
  } finally {
    provider.destroy();
  }
}
