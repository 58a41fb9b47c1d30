// OpsDeck's production server: Next.js behind a plain Node HTTP server, so the app learns the
// real peer address of every request. Next itself only fills X-Forwarded-For when a client did
// not send one, which lets any client pick its own address; here the socket's address is put in
// x-opsdeck-peer (overwriting whatever a client sent) and lib/http/client-address.ts believes
// X-Forwarded-For only from TRUSTED_PROXIES.
import cluster from "node:cluster";
import { createServer } from "node:http";
import next from "next";
import pino from "pino";
import { recordHttpRequest } from "./lib/metrics/http-stats.mjs";

process.env.NODE_ENV = "production";
const port = Number.parseInt(process.env.PORT ?? "3000", 10);
const hostname = process.env.HOST ?? "0.0.0.0";

// WEB_CONCURRENCY > 1: that many server processes share the port (node:cluster), one per core a
// Node process can keep busy rendering pages. Each runs the background jobs too; their rounds are
// claimed across processes (lib/jobs/rounds.ts), as across instances.
const processes = Math.max(1, Number.parseInt(process.env.WEB_CONCURRENCY ?? "1", 10) || 1);
if (processes > 1 && cluster.isPrimary) {
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (!stopping) {
      console.error(`server process ${worker.process.pid} exited (${signal ?? code}); starting another`);
      cluster.fork();
    }
  });
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
      setTimeout(() => process.exit(0), 6000).unref();
      cluster.on("exit", () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
    });
  }
} else {
  await serve();
}

async function serve() {

  // The access log: one JSON line per request, with the request id proxy.ts gave it (the same id
  // the app's own log lines and error reports carry). The same numbers feed the HTTP metrics that
  // /api/metrics serves (lib/metrics/http-stats.mjs keeps them on globalThis for the app to read).
  const log = pino({ level: process.env.LOG_LEVEL || "info", base: { app: "opsdeck" } });

  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    req.headers["x-opsdeck-peer"] = req.socket.remoteAddress ?? "";
    res.on("finish", () => {
      const elapsed = process.hrtime.bigint() - started;
      recordHttpRequest({ method: req.method, url: req.url, status: res.statusCode, seconds: Number(elapsed) / 1e9, location: res.getHeader("location") });
      if (req.url?.startsWith("/_next/static")) return;
      log.info(
        {
          requestId: res.getHeader("x-request-id"),
          method: req.method,
          path: req.url?.split("?")[0],
          status: res.statusCode,
          ms: Number(elapsed / 1_000_000n),
          peer: req.headers["x-opsdeck-peer"],
        },
        "request",
      );
    });
    handle(req, res);
  });
  server.listen(port, hostname, () => log.info(`listening on http://${hostname}:${port}`));

  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 5000).unref();
    });
  }
}
