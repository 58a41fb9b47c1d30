// `tsx devchains/xrpl/cli.ts --port 6006 [--host 127.0.0.1] [--state file] [--close-ms 3000]`:
// runs the XRPL dev ledger until SIGINT/SIGTERM. With --state the ledger survives restarts.
import { parseArgs } from "node:util";
import { startXrplDevLedger } from "./server";

const { values: flags } = parseArgs({
  options: {
    port: { type: "string", default: "6006" },
    host: { type: "string", default: "127.0.0.1" },
    state: { type: "string" },
    "close-ms": { type: "string", default: "3000" },
  },
});

function toInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return number;
}

async function main() {
  const ledger = await startXrplDevLedger({
    host: flags.host,
    port: toInteger("port", flags.port),
    closeIntervalMs: toInteger("close-ms", flags["close-ms"]),
    stateFile: flags.state,
  });
  console.log(`[xrpl] dev ledger on ${ledger.url}`);
  console.log(`[xrpl] genesis account ${ledger.genesis.address} (seed ${ledger.genesis.seed})`);
  if (flags.state) console.log(`[xrpl] state kept in ${flags.state}`);

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`[xrpl] ${signal}: stopping`);
    await ledger.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`[xrpl] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
