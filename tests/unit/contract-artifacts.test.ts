import { describe, expect, it } from "vitest";
import { CONTRACT_NAMES, compileContracts, computeSourceHash, readArtifact } from "@/devchains/evm/compile";

// The committed build in contracts/build must match contracts/*.sol: the app and the dev chain
// deploy and decode with it, so a stale build means tests pass against code that is not there.
describe("[CONTRACTS][BUILD]: committed artifacts", () => {
  it.each(CONTRACT_NAMES)("%s is built from the current sources (else: npm run contracts:build)", (name) => {
    const artifact = readArtifact(name);
    expect(artifact.contractName).toBe(name);
    expect(artifact.sourceHash).toBe(computeSourceHash());
    expect(artifact.bytecode).toMatch(/^0x[0-9a-f]{200,}$/);
  });

  it("keeps the escrow interface the guide and the console rely on", () => {
    const abi = readArtifact("P2PEscrow").abi as { type: string; name?: string; inputs?: { type: string }[] }[];
    const signature = (e: { name?: string; inputs?: { type: string }[] }) => `${e.name}(${(e.inputs ?? []).map((i) => i.type).join(",")})`;
    const events = abi.filter((e) => e.type === "event").map(signature);
    const functions = abi.filter((e) => e.type === "function").map(signature);
    expect(events).toContain("OrderCompleted(uint256,uint256,uint256)");
    expect(functions).toEqual(
      expect.arrayContaining(["pause()", "unpause()", "paused()", "treasury()", "arbitratorPool()", "nextOrderId()", "orders(uint256)", "supportedTokens(address)", "setSupportedToken(address,bool)", "setTreasury(address)", "autoExpireOrder(uint256)", "autoReleaseToSeller(uint256)"]),
    );
  });

  // solc-js compiles the three contracts in about a second, so check the bytes too: a hand-edited
  // or half-written build file would pass the hash check.
  it("matches a fresh compilation byte for byte", async () => {
    const fresh = await compileContracts();
    for (const artifact of fresh) expect(readArtifact(artifact.contractName)).toEqual(artifact);
  }, 20_000);

  it("changes the hash when a source changes", () => {
    expect(computeSourceHash({ "contracts/A.sol": "contract A {}" })).not.toBe(computeSourceHash({ "contracts/A.sol": "contract A { }" }));
  });
});
