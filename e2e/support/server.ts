import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { freePort } from "./ports";
import path from "node:path";

/** A second OpsDeck server on the e2e database, with extra settings, for tests of configuration. */
export async function startServer(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  // The embedded database takes one connection at a time, and the main server holds it: a second
  // server then gets an embedded database of its own, migrated and seeded the same way.
  const own = process.env.E2E_EMBEDDED === "1" ? await ownEmbeddedDatabase() : null;
  const databaseUrl = own?.url ?? process.env.E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set: run the e2e tests through `npm test`");
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [path.resolve("server.mjs")], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, NEXTAUTH_URL: url, NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"), LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health/live`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("second server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      await stopProcess(child);
      await own?.stop();
    },
  };
}

/** A throwaway embedded database in a process of its own (scripts/embedded-db.ts), migrated and seeded. */
async function ownEmbeddedDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const fs = await import("node:fs");
  const os = await import("node:os");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "opsdeck-e2e-"));
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/embedded-db.ts", "--data-dir", dir, "--seed"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once("exit", (code) => reject(new Error(`embedded database exited (${code})`)));
  });
  return {
    url,
    stop: async () => {
      await stopProcess(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
