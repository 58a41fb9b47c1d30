// Starts a Hardhat 2 JSON-RPC node (devchains/evm/hardhat.config.cjs) as a child process.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type THardhatNodeOptions = {
  /** 0 (the default) lets the node pick a free port; it prints the one it bound. */
  port?: number;
  host?: string;
  /** Genesis time; the chain clock runs on from there. Lets the demo write past history. */
  initialDate?: Date;
  /** Appends the node's output (with per-call logging on) to this file. */
  logFile?: string;
  /** Default 31337 (Hardhat's). */
  chainId?: number;
};

export type THardhatNode = {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
  /** SIGKILL, no grace: for tests of what happens when the chain dies. */
  kill(): void;
};

const root = path.resolve(__dirname, "../..");
const READY_TIMEOUT_MS = 30_000;
const LOG_TAIL_LINES = 40;

/** Hardhat 2 needs Node ≥ 22 here; the repo ships Node 24 in node_modules/.bin/node. */
function nodeBinary(): string {
  const bundled = path.join(root, "node_modules/.bin/node");
  return fs.existsSync(bundled) ? bundled : process.execPath;
}

async function rpcChainId(url: string): Promise<number | null> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await res.json()) as { result?: string };
    return body.result ? Number(body.result) : null;
  } catch {
    return null;
  }
}

export async function startHardhatNode(opts: THardhatNodeOptions = {}): Promise<THardhatNode> {
  const host = opts.host ?? "127.0.0.1";
  const requestedPort = opts.port ?? 0;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HARDHAT_DISABLE_TELEMETRY_PROMPT: "true",
    // Plain text in the log file and in our error messages.
    NO_COLOR: "1",
    OPSDECK_EVM_LOGGING: opts.logFile ? "1" : "0",
  };
  if (opts.chainId) env.OPSDECK_EVM_CHAIN_ID = String(opts.chainId);
  else delete env.OPSDECK_EVM_CHAIN_ID;
  if (opts.initialDate) env.OPSDECK_EVM_INITIAL_DATE = opts.initialDate.toISOString();
  else delete env.OPSDECK_EVM_INITIAL_DATE;

  const hardhat = path.join(root, "node_modules/hardhat/internal/cli/bootstrap.js");
  const args = [hardhat, "--config", "devchains/evm/hardhat.config.cjs", "node", "--hostname", host, "--port", String(requestedPort)];
  // Own process group, so stop() also ends anything Hardhat forks.
  const child = spawn(nodeBinary(), args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not spawn the Hardhat node");

  const tail: string[] = [];
  const logStream = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: "a" }) : null;
  let boundPort: number | null = null;
  let pending = "";
  const onOutput = (chunk: Buffer) => {
    logStream?.write(chunk);
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      tail.push(line);
      if (tail.length > LOG_TAIL_LINES) tail.shift();
      const match = /JSON-RPC server at https?:\/\/[^\s]+:(\d+)\//.exec(line);
      if (match) boundPort = Number(match[1]);
    }
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);

  let exited: string | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = signal ? `signal ${signal}` : `exit code ${code}`;
      logStream?.end();
      resolve();
    });
    child.once("error", (err) => {
      exited = err.message;
      resolve();
    });
  });

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  // A crashed or interrupted parent must not leave a node holding the port.
  const onParentExit = () => killGroup("SIGKILL");
  process.once("exit", onParentExit);

  const fail = (reason: string): never => {
    killGroup("SIGKILL");
    process.off("exit", onParentExit);
    throw new Error(`Hardhat node ${reason}. Last output:\n${[...tail, pending].join("\n").trim()}`);
  };

  const urlHost = host.includes(":") ? `[${host}]` : host;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let port = 0;
  for (;;) {
    if (exited) fail(`exited before it was ready (${exited})`);
    if (Date.now() > deadline) fail(`did not answer eth_chainId within ${READY_TIMEOUT_MS / 1000}s`);
    // Only trust the port once this process says it bound it: on a taken port another node
    // would answer the probe while ours is still failing.
    port = boundPort ?? 0;
    if (port && (await rpcChainId(`http://${urlHost}:${port}`)) !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = `http://${urlHost}:${port}`;

  return {
    url,
    port,
    pid,
    async stop() {
      process.off("exit", onParentExit);
      if (exited) return;
      killGroup("SIGTERM");
      const grace = setTimeout(() => killGroup("SIGKILL"), 5_000);
      await exitPromise;
      clearTimeout(grace);
    },
    kill() {
      process.off("exit", onParentExit);
      killGroup("SIGKILL");
    },
  };
}
