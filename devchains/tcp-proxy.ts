import net from "node:net";

// A loopback TCP forwarder: a second "RPC provider" in front of the same local node, so the demo
// has a real fallback endpoint and the tests can take an endpoint down (close it) and bring it back.

export type TTcpProxy = { port: number; url: (scheme: "http" | "ws") => string; close(): Promise<void> };

export async function startTcpProxy(opts: { target: { host: string; port: number }; port?: number; host?: string }): Promise<TTcpProxy> {
  const host = opts.host ?? "127.0.0.1";
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(opts.target.port, opts.target.host);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(opts.port ?? 0, host, () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: (scheme) => `${scheme}://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
