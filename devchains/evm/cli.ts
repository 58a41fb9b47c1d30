// `tsx devchains/evm/cli.ts --port 8545 [--orders 300] [--spread-days 30] [--log-file path]`:
// a local EVM chain with the P2P platform deployed and (optionally) a trading history. Prints the
// addresses as JSON and runs until Ctrl-C.
import { parseArgs } from "node:util";
import { deployPlatform } from "./deploy";
import { generateHistory } from "./history";
import { startHardhatNode } from "./node";

const { values: flags } = parseArgs({
  options: {
    port: { type: "string", default: "8545" },
    host: { type: "string", default: "127.0.0.1" },
    orders: { type: "string", default: "0" },
    "spread-days": { type: "string" },
    seed: { type: "string", default: "1" },
    "log-file": { type: "string" },
  },
});

function say(line: string) {
  console.error(`[evm] ${line}`);
}

function intFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a whole number, got ${value}`);
  return parsed;
}

async function main() {
  const port = intFlag("port", flags.port) ?? 8545;
  const orders = intFlag("orders", flags.orders) ?? 0;
  const spreadDays = intFlag("spread-days", flags["spread-days"]);
  const started = Date.now();
  const node = await startHardhatNode({
    port,
    host: flags.host,
    // History spread over N past days needs a chain that starts N days ago.
    initialDate: spreadDays ? new Date(Date.now() - spreadDays * 86_400_000) : undefined,
    logFile: flags["log-file"],
  });
  let isStopping = false;
  const shutdown = async () => {
    if (isStopping) return;
    isStopping = true;
    say("stopping…");
    await node.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
  say(`node ready at ${node.url} (pid ${node.pid}) in ${Date.now() - started} ms`);

  try {
    let phase = Date.now();
    const addresses = await deployPlatform({ rpcUrl: node.url });
    say(`platform deployed in ${Date.now() - phase} ms`);
    if (orders > 0) {
      phase = Date.now();
      let lastShown = 0;
      const result = await generateHistory({
        rpcUrl: node.url,
        addresses,
        orders,
        seed: intFlag("seed", flags.seed),
        spreadDays,
        onProgress: (done, total) => {
          if (done === total || Date.now() - lastShown > 1_000) {
            lastShown = Date.now();
            say(`history: ${done}/${total} transactions`);
          }
        },
      });
      say(`history generated in ${Date.now() - phase} ms: ${JSON.stringify(result)}`);
    }
    console.log(JSON.stringify({ rpcUrl: node.url, ...addresses }, null, 2));
    say("running; Ctrl-C stops the node");
  } catch (err) {
    await node.stop();
    throw err;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
