import { ConfigError, loadEnv } from "@/lib/env";

/** Server start-up (Node.js runtime only): refuse to run with a bad configuration. */
export function boot() {
  try {
    loadEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
