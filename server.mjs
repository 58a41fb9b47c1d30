// OpsDeck's production server: Next.js behind a plain Node HTTP server, so the app learns the
// real peer address of every request. Next itself only fills X-Forwarded-For when a client did
// not send one, which lets any client pick its own address; here the socket's address is put in
// x-opsdeck-peer (overwriting whatever a client sent) and lib/http/client-address.ts believes
// X-Forwarded-For only from TRUSTED_PROXIES.
import { createServer } from "node:http";
import next from "next";

process.env.NODE_ENV = "production";
const port = Number.parseInt(process.env.PORT ?? "3000", 10);
const hostname = process.env.HOST ?? "0.0.0.0";

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers["x-opsdeck-peer"] = req.socket.remoteAddress ?? "";
  handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(JSON.stringify({ level: 30, time: Date.now(), app: "opsdeck", msg: `listening on http://${hostname}:${port}` }));
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
