import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm run demo` runs under tsx, outside Next. Modules marked "server-only" (the chain clients,
// the operations the runbook loader checks against) load there only under the react-server
// condition; without it the demo died before printing its URL. This loads the demo's seeding
// modules exactly the way the package script runs, so that break cannot return unseen.

describe("[DEMO][SCRIPT]: the demo command loads what it seeds with", () => {
  it("imports the seeding modules with the flags of the package's demo script", () => {
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    const [runner, ...args] = pkg.scripts.demo!.split(/\s+/);
    expect(runner).toBe("tsx");
    const flags = args.filter((a) => a.startsWith("--"));
    const out = execFileSync(path.resolve("node_modules/.bin/tsx"), [...flags, "--eval", "Promise.all([import('@/lib/seed/incidents'), import('@/lib/seed/demo'), import('@/lib/seed/services'), import('@/lib/seed/disputes'), import('@/lib/seed/treasury'), import('@/lib/seed/secrets'), import('@/lib/seed/daily'), import('@/lib/seed/maintenance'), import('@/lib/operations/registry')]).then(() => console.log('loaded'))"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(out.trim()).toBe("loaded");
  }, 90_000);
});
