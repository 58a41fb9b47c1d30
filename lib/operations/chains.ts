import { z } from "zod";
import { defineOperation } from "@/lib/operations/define";
import { CHAIN_KEYS } from "@/lib/chains/overrides";

// RB-07 (RPC failover): pin a chain to its primary or fallback endpoint, or give the choice
// back to automatic failover. Operators run it during an incident; no approval, it moves no funds.
export const setRpcOverride = defineOperation({
  id: "chain.rpc.override",
  title: "Switch a chain's RPC endpoint",
  description: "RB-07: send every call for this chain to one endpoint, or back to automatic failover.",
  risk: "medium",
  input: z.object({
    chain: z.enum(CHAIN_KEYS, { message: "Choose a chain" }),
    endpoint: z.enum(["auto", "primary", "fallback"], { message: "Choose auto, primary or fallback" }),
  }),
  allowed: ["operator", "admin"],
  approval: null,
  target: (input) => ({ type: "chain", id: input.chain }),
  summary: (input) => (input.endpoint === "auto" ? `Automatic RPC failover for ${input.chain}` : `Pin ${input.chain} to its ${input.endpoint} RPC endpoint`),
  async execute({ tx, requester }, input) {
    const before = await tx.chainEndpointOverride.findUnique({ where: { chain: input.chain } });
    if (input.endpoint === "auto") await tx.chainEndpointOverride.deleteMany({ where: { chain: input.chain } });
    else
      await tx.chainEndpointOverride.upsert({
        where: { chain: input.chain },
        create: { chain: input.chain, endpoint: input.endpoint, setBy: requester.email },
        update: { endpoint: input.endpoint, setBy: requester.email, setAt: new Date() },
      });
    return { chain: input.chain, before: before?.endpoint ?? "auto", after: input.endpoint };
  },
});
