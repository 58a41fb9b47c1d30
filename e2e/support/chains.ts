import { Contract, JsonRpcProvider } from "ethers";

// The local chains scripts/test.ts started for this run (E2E_CHAINS), for specs that check the
// chain itself rather than trusting the page.
type TChainsInfo = { env: Record<string, string>; evm: { rpcUrl: string; contracts: { escrow: string } } };

export function chainsInfo(): TChainsInfo {
  const raw = process.env.E2E_CHAINS;
  if (!raw) throw new Error("E2E_CHAINS is not set: run the e2e tests through `npm test`");
  return JSON.parse(raw) as TChainsInfo;
}

export async function escrowIsPaused(): Promise<boolean> {
  const info = chainsInfo();
  const provider = new JsonRpcProvider(info.evm.rpcUrl, undefined, { staticNetwork: true });
  try {
    return (await new Contract(info.evm.contracts.escrow, ["function paused() view returns (bool)"], provider).getFunction("paused")()) as boolean;
  } finally {
    provider.destroy();
  }
}
