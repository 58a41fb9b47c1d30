// `npm run contracts:build`: compiles contracts/*.sol with solc-js into contracts/build/<Name>.json.
// Hardhat's compile task would download the compiler list (fails offline), so we call solc-js
// directly. The build is committed; tests/unit/contract-artifacts.test.ts fails when it is stale.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { InterfaceAbi } from "ethers";

export const CONTRACT_NAMES = ["TestUSDT", "ArbitratorPool", "P2PEscrow"] as const;
export type TContractName = (typeof CONTRACT_NAMES)[number];

export type TContractArtifact = {
  contractName: TContractName;
  abi: InterfaceAbi;
  bytecode: string;
  sourceHash: string;
};

const root = path.resolve(__dirname, "../..");
const contractsDir = path.join(root, "contracts");
export const BUILD_DIR = path.join(contractsDir, "build");

// Part of the source hash: changing any of these must rebuild.
const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: "cancun",
} as const;

function packageVersion(name: string): string {
  const file = path.join(root, "node_modules", name, "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

/** contracts/*.sol keyed by source unit name ("contracts/P2PEscrow.sol"), sorted. */
function readSources(): Record<string, string> {
  const files = fs.readdirSync(contractsDir).filter((f) => f.endsWith(".sol")).sort();
  return Object.fromEntries(files.map((f) => [`contracts/${f}`, fs.readFileSync(path.join(contractsDir, f), "utf8")]));
}

/**
 * What the build depends on, cheaply (no compiler load): our sources, the solc and OpenZeppelin
 * versions (the imports come from the pinned package) and the compiler settings.
 */
export function computeSourceHash(sources: Record<string, string> = readSources()): string {
  const hash = crypto.createHash("sha256");
  for (const [name, content] of Object.entries(sources).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`${name}\0${content}\0`);
  }
  hash.update(`solc@${packageVersion("solc")}\0@openzeppelin/contracts@${packageVersion("@openzeppelin/contracts")}\0`);
  hash.update(JSON.stringify(SETTINGS));
  return hash.digest("hex");
}

/** Only OpenZeppelin imports resolve, and only inside its package directory. */
function resolveImport(importPath: string): { contents: string } | { error: string } {
  const base = path.join(root, "node_modules/@openzeppelin/contracts");
  const file = path.resolve(root, "node_modules", importPath);
  if (!importPath.startsWith("@openzeppelin/contracts/") || !file.startsWith(base + path.sep)) {
    return { error: `import not allowed: ${importPath}` };
  }
  try {
    return { contents: fs.readFileSync(file, "utf8") };
  } catch {
    return { error: `not found: ${importPath}` };
  }
}

type TSolcOutput = {
  errors?: { severity: "error" | "warning" | "info"; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: InterfaceAbi; evm: { bytecode: { object: string } } }>>;
};

export async function compileContracts(): Promise<TContractArtifact[]> {
  const sources = readSources();
  const sourceHash = computeSourceHash(sources);
  // Loaded lazily: soljson takes a second or two to initialise and the unit test only hashes.
  const solc = (await import("solc")).default;
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(Object.entries(sources).map(([name, content]) => [name, { content }])),
    settings: {
      ...SETTINGS,
      outputSelection: Object.fromEntries(
        Object.keys(sources).map((name) => [name, { "*": ["abi", "evm.bytecode.object"] }]),
      ),
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: resolveImport })) as TSolcOutput;
  const problems = (output.errors ?? []).filter((e) => e.severity !== "info");
  const errors = problems.filter((e) => e.severity === "error");
  if (errors.length) throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  // Warnings fail the build too: they are cheap to fix now and easy to miss later.
  if (problems.length) throw new Error(`solc warnings:\n${problems.map((e) => e.formattedMessage).join("\n")}`);

  return CONTRACT_NAMES.map((contractName) => {
    const compiled = output.contracts?.[`contracts/${contractName}.sol`]?.[contractName];
    if (!compiled) throw new Error(`solc produced no output for ${contractName}`);
    return { contractName, abi: compiled.abi, bytecode: `0x${compiled.evm.bytecode.object}`, sourceHash };
  });
}

export function artifactPath(name: TContractName): string {
  return path.join(BUILD_DIR, `${name}.json`);
}

export function readArtifact(name: TContractName): TContractArtifact {
  const file = artifactPath(name);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run npm run contracts:build`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as TContractArtifact;
}

export function writeArtifacts(artifacts: TContractArtifact[]): void {
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  for (const artifact of artifacts) {
    fs.writeFileSync(artifactPath(artifact.contractName), `${JSON.stringify(artifact, null, 2)}\n`);
  }
}

async function main() {
  const started = Date.now();
  const artifacts = await compileContracts();
  writeArtifacts(artifacts);
  const sizes = artifacts.map((a) => `${a.contractName} ${(a.bytecode.length - 2) / 2} B`).join(", ");
  console.log(`[contracts] built ${sizes} in ${Date.now() - started} ms → ${path.relative(root, BUILD_DIR)}/`);
}

// Run as a script (`tsx devchains/evm/compile.ts`), not when imported.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
