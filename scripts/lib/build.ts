import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { run } from "./processes";

// A production build is reused while the sources it was made from are unchanged.
const SOURCES = ["app", "components", "lib", "public", "prisma/schema.prisma", "proxy.ts", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

function walk(entry: string, out: string[]) {
  if (!fs.existsSync(entry)) return;
  const stat = fs.statSync(entry);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(entry).sort()) walk(path.join(entry, name), out);
  } else {
    out.push(`${entry}:${stat.size}:${stat.mtimeMs}`);
  }
}

export function sourceFingerprint(root: string): string {
  const lines: string[] = [];
  for (const s of SOURCES) walk(path.join(root, s), lines);
  return crypto.createHash("sha256").update(lines.join("\n")).digest("hex");
}

/** Runs `next build` unless the build directory (NEXT_DIST_DIR, default .next) holds a build of exactly these sources. */
export async function ensureBuild(root: string, { force = false, log = console.log } = {}) {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const marker = path.join(root, distDir, "opsdeck-fingerprint");
  const fingerprint = sourceFingerprint(root);
  const hasBuild = fs.existsSync(path.join(root, distDir, "BUILD_ID"));
  if (!force && hasBuild && fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === fingerprint) {
    log("Using the existing production build (sources unchanged).");
    return;
  }
  log("Building OpsDeck for production (about a minute on 2 cores)…");
  const code = await run(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, detached: false });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  fs.writeFileSync(marker, fingerprint);
}
