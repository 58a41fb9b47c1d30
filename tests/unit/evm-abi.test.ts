import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Interface, type InterfaceAbi } from "ethers";
import { ARBITRATOR_POOL_ABI, ERC20_ABI, ESCROW_ABI } from "@/lib/chains/evm-abi";

// OpsDeck calls the contracts through hand-written ABI fragments (lib/chains/evm-abi.ts). Each one
// must exist, with the same signature and return types, in the compiled contracts (contracts/build).
const compiled = (name: string) => new Interface(JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../contracts/build/${name}.json`), "utf8")).abi as InterfaceAbi);

function signatures(iface: Interface) {
  const out = new Set<string>();
  iface.forEachFunction((f) => out.add(`function ${f.format("sighash")} -> ${f.outputs.map((o) => o.type).join(",")}`));
  iface.forEachEvent((e) => out.add(`event ${e.format("full")}`));
  iface.forEachError((e) => out.add(`error ${e.format("sighash")}`));
  return out;
}

describe("[CHAINS][ABI]: OpsDeck's ABI fragments match the compiled contracts", () => {
  for (const [name, fragments] of [
    ["P2PEscrow", ESCROW_ABI],
    ["TestUSDT", ERC20_ABI],
    ["ArbitratorPool", ARBITRATOR_POOL_ABI],
  ] as const) {
    it(name, () => {
      const ours = signatures(new Interface(fragments as unknown as string[]));
      const theirs = signatures(compiled(name));
      const missing = [...ours].filter((s) => !theirs.has(s));
      expect(missing).toEqual([]);
    });
  }

  it("keeps the guide's fee event signature for `cast logs` filters", () => {
    expect(compiled("P2PEscrow").getEvent("OrderCompleted")?.format("sighash")).toBe("OrderCompleted(uint256,uint256,uint256)");
  });
});
