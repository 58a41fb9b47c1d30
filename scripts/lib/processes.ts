import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

// Child processes started by the demo and test scripts; all are stopped when the script ends.
const children = new Set<ChildProcess>();

export function start(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  // A process group of its own, so stopping it also stops whatever it started.
  const child = spawn(command, args, { stdio: "inherit", detached: true, ...options });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = start(command, args, options);
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function stopAll(signal: NodeJS.Signals = "SIGTERM", graceMs = 5000) {
  const waits = [...children].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) return resolve();
        child.once("exit", () => resolve());
        try {
          process.kill(-child.pid, signal);
        } catch {
          resolve();
        }
        setTimeout(() => {
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            // already gone
          }
          resolve();
        }, graceMs).unref();
      }),
  );
  await Promise.all(waits);
}

export async function waitForHttp(url: string, { timeoutMs = 60_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
      lastError = new Error(`HTTP ${res.status}`);
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s: ${String(lastError)}`);
}
