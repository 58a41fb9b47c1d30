import fs from "node:fs";
import { run } from "./processes";

// Finds a Chromium for Playwright. Debian's package is the one that works on machines without
// Playwright's download servers; elsewhere Playwright's own installer is tried.
const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

function found() {
  return CANDIDATES.find((p) => fs.existsSync(p));
}

export async function ensureChromium(log: (line: string) => void): Promise<string | undefined> {
  const existing = found();
  if (existing) return existing;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync("/usr/bin/apt-get")) {
    log("No Chromium found: installing Debian's chromium package (apt-get)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    await run("apt-get", ["update", "-qq"], { env, detached: false });
    const code = await run("apt-get", ["install", "-y", "-qq", "chromium"], { env, detached: false });
    if (code === 0 && found()) {
      log(`Installed ${found()}`);
      return found();
    }
    log("apt-get could not install chromium.");
  }
  log("Trying Playwright's own browser installer (needs its download servers)…");
  const code = await run("npx", ["playwright", "install", "chromium"], { detached: false });
  if (code !== 0) throw new Error("No Chromium available: install Debian's `chromium` package or run `npx playwright install chromium`.");
  return undefined; // Playwright finds its own download.
}
