import type { Instrumentation } from "next";

// Runs once when a server instance starts: the configuration is parsed here so a bad one stops
// start-up with a readable message instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("@/lib/boot");
  await boot();
}

export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  const { log } = await import("@/lib/log");
  const header = request.headers["x-request-id"];
  log.error(
    {
      requestId: Array.isArray(header) ? header[0] : header,
      digest: typeof err === "object" && err && "digest" in err ? String(err.digest) : undefined,
      path: request.path,
      method: request.method,
      route: context.routePath,
      kind: context.routeType,
      err,
    },
    "request failed",
  );
};
