import pino from "pino";
import { headers } from "next/headers";
import { logLevel } from "@/lib/env";

// JSON logs on stdout. Secrets are redacted by path wherever they might be logged by mistake.
export const log = pino({
  level: logLevel(),
  base: { app: "opsdeck" },
  redact: {
    paths: ["password", "*.password", "passwordHash", "*.passwordHash", "secret", "*.secret", "token", "*.token", "headers.cookie", "headers.authorization"],
    censor: "[redacted]",
  },
});

/** A logger bound to the current request's id (set by proxy.ts), for server components and actions. */
export async function requestLog() {
  let requestId: string | undefined;
  try {
    requestId = (await headers()).get("x-request-id") ?? undefined;
  } catch {
    // Outside a request (jobs, scripts): no request id.
  }
  return requestId ? log.child({ requestId }) : log;
}
