// Hardhat 2 config for the local EVM dev chain (`hardhat node` only). CommonJS because Hardhat 2
// loads its config with require(). Contracts are compiled by devchains/evm/compile.ts with solc-js:
// Hardhat's own compile task downloads the compiler list, which fails offline, so there are no
// `sources` here on purpose.
const initialDate = process.env.OPSDECK_EVM_INITIAL_DATE;
if (initialDate && Number.isNaN(Date.parse(initialDate))) {
  throw new Error(`OPSDECK_EVM_INITIAL_DATE is not a date: ${initialDate}`);
}

// Integration test files each run their own node against one shared database: a chain id of
// their own keeps their chain-keyed rows (cursor, orders, sent transactions) apart.
const chainId = Number(process.env.OPSDECK_EVM_CHAIN_ID || 31337);

/** @type {import("hardhat/config").HardhatUserConfig} */
module.exports = {
  defaultNetwork: "hardhat",
  networks: {
    hardhat: {
      chainId,
      // Same target as compile.ts (evmVersion "cancun"), which BSC and the main L2s support.
      hardfork: "cancun",
      // One transaction = one block, mined on arrival; the demo history relies on it.
      mining: { auto: true, interval: 0 },
      // Lets the demo start the chain in the past and write history up to now.
      initialDate: initialDate || undefined,
      accounts: { mnemonic: "test test test test test test test test test test test junk", count: 20 },
      // Logging every call costs time when the history generator sends thousands of
      // transactions; node.ts turns it on when a log file is requested.
      loggingEnabled: process.env.OPSDECK_EVM_LOGGING === "1",
    },
  },
  paths: {
    // Relative to this file. Keeps Hardhat's cache and artifacts watcher out of the source tree.
    cache: "../../.opsdeck/hardhat/cache",
    artifacts: "../../.opsdeck/hardhat/artifacts",
  },
};
