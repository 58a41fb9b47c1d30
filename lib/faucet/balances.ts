import "server-only";
import { xrpToDrops } from "xrpl";
import type { TPrisma } from "@/lib/db/prisma";
import { evmChain, readTokenBalance } from "@/lib/chains/evm";
import { readXrpBalance, xrplChain } from "@/lib/chains/xrpl";
import { balanceKey, readFaucetSettings, type TFaucetBalance, type TFaucetChain } from "@/lib/faucet/config";

// The faucet wallets' balances, read by the faucet job and kept as settings rows: the intake
// refuses grants the balance cannot cover (503 INSUFFICIENT_BALANCE) without a chain call per
// request, and the page shows them against their thresholds. Amounts in base units.

async function readOne(chain: TFaucetChain, address: string): Promise<Omit<TFaucetBalance, "at" | "address">> {
  if (chain === "xrpl") {
    const x = xrplChain();
    if (!x) throw new Error("No XRPL endpoint is configured");
    const b = await readXrpBalance(x, address);
    // An unfunded wallet (a rotation's new one before its top-up) holds nothing.
    return b ? { spendable: xrpToDrops(b.spendable), total: xrpToDrops(b.total) } : { spendable: "0", total: "0" };
  }
  const e = evmChain();
  if (!e?.token) throw new Error("No EVM token is configured");
  const b = await readTokenBalance(e, e.token, address);
  return { spendable: b.raw.toString(), total: b.raw.toString() };
}

export async function pollFaucetBalances(db: TPrisma): Promise<void> {
  const settings = await readFaucetSettings(db);
  for (const chain of ["xrpl", "evm"] as const) {
    const address = settings.active[chain];
    if (!address) continue;
    let value: TFaucetBalance;
    try {
      value = { ...(await readOne(chain, address)), address, at: new Date().toISOString() };
    } catch (err) {
      // Keep the last known numbers, marked stale: the intake then stops trusting them.
      const last = settings.balances[chain];
      value = { spendable: last?.spendable ?? "0", total: last?.total ?? "0", address, at: last?.at ?? new Date().toISOString(), error: err instanceof Error ? err.message.slice(0, 200) : String(err) };
    }
    await db.setting.upsert({ where: { key: balanceKey(chain) }, create: { key: balanceKey(chain), value, updatedBy: "faucet job" }, update: { value, updatedBy: "faucet job" } });
  }
}
