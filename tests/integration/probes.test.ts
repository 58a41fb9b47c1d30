import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProbe } from "@/lib/probes/run";
import type { TProbeSpec } from "@/lib/probes/types";
import { startHardhatNode, type THardhatNode } from "@/devchains/evm/node";
import { testDb } from "../support/db";
import { uniqueChainId, withTestChains } from "../support/chains";

// Every probe kind against real targets: node:http/https servers started here, PostgreSQL,
// Redis, this file's Hardhat node and XRPL dev ledger, and a second Hardhat node whose chain
// stopped an hour ago. A "silent" TCP server accepts connections and never says a word: the
// target that must not be able to hold a probe past its deadline or leave a socket open.

const db = testDb();
const chains = withTestChains(db);

const FAKE_PASSWORD = "s3cret-pw";
const SILENT_TIMEOUT_MS = 300;

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

/** A port nothing listens on: bound by us a moment ago, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function timedProbe(spec: TProbeSpec) {
  const started = performance.now();
  const outcome = await runProbe(spec);
  return { outcome, elapsedMs: performance.now() - started };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function routes(req: http.IncomingMessage, res: http.ServerResponse) {
  const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  if (req.url === "/ok") return res.end("fine");
  if (req.url === "/slow") return void sleep(150).then(() => res.end("late"));
  if (req.url === "/unavailable") return res.writeHead(503).end("maintenance");
  if (req.url === "/health-degraded") return json(200, { status: "ok", checks: { db: { status: "ok" }, redis: { status: "degraded" } } });
  // OpsDeck's own /api/health shape: checks as a list, "not_configured" counted neither way.
  if (req.url === "/health-failing") return json(200, { status: "error", checks: [{ name: "database", status: "error" }, { name: "evm", status: "not_configured" }] });
  if (req.url === "/hang") return; // never answers
  res.writeHead(404).end();
}

let httpServer: http.Server;
let httpsServer: https.Server;
let silentServer: net.Server;
let staleNode: THardhatNode;
let otherChainNode: THardhatNode;
let baseUrl = "";
let httpsUrl = "";
let silentPort = 0;
const silentSockets = new Set<net.Socket>();

beforeAll(async () => {
  httpServer = http.createServer(routes);
  baseUrl = `http://127.0.0.1:${await listen(httpServer)}`;

  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), "opsdeck-probe-tls-"));
  execFileSync("which", ["openssl"]); // fails loudly here, not as a puzzling TLS error later
  // prettier-ignore
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3", "-subj", "/CN=localhost",
    "-keyout", path.join(certDir, "key.pem"), "-out", path.join(certDir, "cert.pem")], { stdio: "ignore" });
  httpsServer = https.createServer({ key: fs.readFileSync(path.join(certDir, "key.pem")), cert: fs.readFileSync(path.join(certDir, "cert.pem")) }, routes);
  httpsUrl = `https://localhost:${await listen(httpsServer)}`;
  fs.rmSync(certDir, { recursive: true, force: true });

  silentServer = net.createServer((socket) => {
    silentSockets.add(socket);
    socket.resume(); // reads and drops what arrives, so the client's FIN is seen and 'close' follows
    socket.on("close", () => silentSockets.delete(socket));
  });
  silentPort = await listen(silentServer);

  [staleNode, otherChainNode] = await Promise.all([
    // Another node of this file's chain whose head is an hour old: genesis stamped an hour ago, nothing mined since.
    startHardhatNode({ chainId: chains().evm.chainId, initialDate: new Date(Date.now() - 3_600_000) }),
    startHardhatNode({ chainId: uniqueChainId() }),
  ]);
}, 60_000);

afterAll(async () => {
  for (const server of [httpServer, httpsServer]) server?.closeAllConnections();
  for (const socket of silentSockets) socket.destroy();
  await Promise.all([httpServer, httpsServer, silentServer].map((s) => s && new Promise((resolve) => s.close(resolve))));
  await Promise.all([staleNode?.stop(), otherChainNode?.stop()]);
});

describe("[PROBES][HTTP]", () => {
  it("is ok on a plain 200, with status and latency in detail", async () => {
    const outcome = await runProbe({ kind: "http", endpoint: `${baseUrl}/ok`, timeoutMs: 2_000 });
    expect(outcome).toMatchObject({ status: "ok", error: null, detail: { httpStatus: 200 } });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
    expect(outcome.detail.latencyMs).toBe(outcome.latencyMs);
  });

  it("is degraded when slower than latencyWarnMs", async () => {
    const outcome = await runProbe({ kind: "http", endpoint: `${baseUrl}/slow`, timeoutMs: 2_000, thresholds: { latencyWarnMs: 100 } });
    expect(outcome).toMatchObject({ status: "degraded", error: null, detail: { httpStatus: 200 } });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(140);
  });

  it("is an error on a non-2xx status", async () => {
    const outcome = await runProbe({ kind: "http", endpoint: `${baseUrl}/unavailable`, timeoutMs: 2_000 });
    expect(outcome).toMatchObject({ status: "error", error: "HTTP 503", detail: { httpStatus: 503 } });
  });

  it("counts the worst of a JSON body's status and checks, naming the ones not ok", async () => {
    const degraded = await runProbe({ kind: "http", endpoint: `${baseUrl}/health-degraded`, timeoutMs: 2_000 });
    expect(degraded).toMatchObject({ status: "degraded", error: null, detail: { bodyStatus: "ok", nonOkChecks: "redis" } });

    const failing = await runProbe({ kind: "http", endpoint: `${baseUrl}/health-failing`, timeoutMs: 2_000 });
    expect(failing).toMatchObject({ status: "error", error: "failing checks: database", detail: { httpStatus: 200, bodyStatus: "error", nonOkChecks: "database" } });
  });

  it("gives up on a route that never answers at the deadline", async () => {
    const { outcome, elapsedMs } = await timedProbe({ kind: "http", endpoint: `${baseUrl}/hang`, timeoutMs: 400 });
    expect(outcome).toMatchObject({ status: "error", error: "timed out after 400 ms", latencyMs: null });
    expect(elapsedMs).toBeLessThan(400 + 500);
  });

  it("reads the days left on a certificate it does not trust, and fails on the trust", async () => {
    const outcome = await runProbe({ kind: "http", endpoint: `${httpsUrl}/ok`, timeoutMs: 2_000 });
    expect(outcome).toMatchObject({ status: "error", error: "self-signed certificate" });
    expect(outcome.detail.tlsDaysLeft).toBeGreaterThanOrEqual(2);
    expect(outcome.detail.tlsDaysLeft).toBeLessThanOrEqual(3);
    const validTo = Date.parse(String(outcome.detail.tlsValidTo));
    expect(Math.abs(validTo - (Date.now() + 3 * 86_400_000))).toBeLessThan(120_000);
  });

  it("is an error on a closed port", async () => {
    expect(await runProbe({ kind: "http", endpoint: `http://127.0.0.1:${await closedPort()}/`, timeoutMs: 1_000 })).toMatchObject({ status: "error", error: "connection refused" });
  });
});

describe("[PROBES][TCP]", () => {
  it("is ok when the port accepts, in either endpoint form", async () => {
    const port = Number(new URL(baseUrl).port);
    expect(await runProbe({ kind: "tcp", endpoint: `127.0.0.1:${port}`, timeoutMs: 1_000 })).toMatchObject({ status: "ok", error: null });
    const outcome = await runProbe({ kind: "tcp", endpoint: `tcp://127.0.0.1:${port}`, timeoutMs: 1_000 });
    expect(outcome.status).toBe("ok");
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("is an error on a closed port or an endpoint that is not host:port", async () => {
    expect(await runProbe({ kind: "tcp", endpoint: `127.0.0.1:${await closedPort()}`, timeoutMs: 1_000 })).toMatchObject({ status: "error", error: "connection refused", latencyMs: null });
    expect(await runProbe({ kind: "tcp", endpoint: "localhost", timeoutMs: 1_000 })).toMatchObject({ status: "error", error: "endpoint is not host:port" });
  });
});

describe("[PROBES][POSTGRES]", () => {
  const url = () => process.env.DATABASE_URL!;

  it("is ok on the test database, with connections against max_connections", async () => {
    const outcome = await runProbe({ kind: "postgres", endpoint: url(), timeoutMs: 3_000 });
    expect(outcome).toMatchObject({ status: "ok", error: null });
    const { connections, maxConnections, connectionsPct } = outcome.detail as Record<string, number>;
    // At least the probe's own on a server; embedded PGlite (`npm test` without DATABASE_URL) is one session and lists none.
    expect(connections).toBeGreaterThanOrEqual(0);
    expect(maxConnections).toBeGreaterThan(0);
    expect(connectionsPct).toBeCloseTo((connections! / maxConnections!) * 100, 0);
    const password = new URL(url()).password;
    if (password) expect(JSON.stringify(outcome)).not.toContain(password);
  });

  it("is degraded above connectionsWarnPct and an error above connectionsCritPct", async () => {
    // -1, not 0: the share is above it even where no connection is listed (PGlite).
    expect(await runProbe({ kind: "postgres", endpoint: url(), timeoutMs: 3_000, thresholds: { connectionsWarnPct: -1 } })).toMatchObject({ status: "degraded", error: null });
    const critical = await runProbe({ kind: "postgres", endpoint: url(), timeoutMs: 3_000, thresholds: { connectionsCritPct: -1 } });
    expect(critical.status).toBe("error");
    expect(critical.error).toMatch(/^connections at [\d.]+% of max_connections$/);
  });

  it("is an error on a closed port and never repeats the URL's password", async () => {
    const endpoint = `postgresql://postgres:${FAKE_PASSWORD}@127.0.0.1:${await closedPort()}/x`;
    const outcome = await runProbe({ kind: "postgres", endpoint, timeoutMs: 1_000 });
    expect(outcome).toMatchObject({ status: "error", error: "connection refused" });
    expect(JSON.stringify(outcome)).not.toContain(FAKE_PASSWORD);
  });
});

describe("[PROBES][REDIS]", () => {
  it("is ok with the memory in use", async () => {
    const outcome = await runProbe({ kind: "redis", endpoint: "redis://127.0.0.1:6379", timeoutMs: 2_000 });
    expect(outcome).toMatchObject({ status: "ok", error: null });
    expect(outcome.detail.usedMemoryBytes).toBeGreaterThan(0);
    // maxmemory 0 means no limit: there is no percentage to judge.
    if (outcome.detail.maxMemoryBytes === 0) expect(outcome.detail.memoryPct).toBeNull();
  });

  it("is an error at once on a closed port, without retrying", async () => {
    const { outcome, elapsedMs } = await timedProbe({ kind: "redis", endpoint: `redis://:${FAKE_PASSWORD}@127.0.0.1:${await closedPort()}`, timeoutMs: 2_000 });
    expect(outcome).toMatchObject({ status: "error", error: "connection refused" });
    expect(elapsedMs).toBeLessThan(500);
    expect(JSON.stringify(outcome)).not.toContain(FAKE_PASSWORD);
  });
});

describe("[PROBES][EVM]", () => {
  it("is ok on a live node, with its head", async () => {
    const outcome = await runProbe({ kind: "evm", endpoint: chains().evm.rpcUrl, timeoutMs: 3_000 });
    expect(outcome).toMatchObject({ status: "ok", error: null, detail: { blockNumber: await chains().provider.getBlockNumber() } });
    expect(outcome.detail.blockAgeSeconds).toBeLessThanOrEqual(120);
  });

  it("accepts an RPC URL with credentials (sent as basic auth, which fetch requires) and never reports them", async () => {
    const url = new URL(chains().evm.rpcUrl);
    url.username = "probe";
    url.password = FAKE_PASSWORD;
    const outcome = await runProbe({ kind: "evm", endpoint: url.toString(), fallbackEndpoint: `http://probe:${FAKE_PASSWORD}@127.0.0.1:${await closedPort()}`, timeoutMs: 3_000 });
    expect(outcome).toMatchObject({ status: "ok", detail: { fallbackError: "connection refused" } });
    expect(JSON.stringify(outcome)).not.toContain(FAKE_PASSWORD);
  });

  it("follows the head and sees no lag against a fallback on the same chain", async () => {
    const before = await chains().provider.getBlockNumber();
    await chains().provider.send("hardhat_mine", ["0x3"]);
    const outcome = await runProbe({ kind: "evm", endpoint: chains().evm.rpcUrl, fallbackEndpoint: chains().evm.fallbackUrl, timeoutMs: 3_000, thresholds: { lagWarnBlocks: 0 } });
    expect(outcome).toMatchObject({ status: "ok", detail: { blockNumber: before + 3, fallbackBlockNumber: before + 3, lagBlocks: 0, fallbackError: null } });
  });

  it("measures how far the primary is behind the fallback (never negative)", async () => {
    const head = await chains().provider.getBlockNumber();
    const relaxedAge = { blockAgeWarnSeconds: 7_200, blockAgeCritSeconds: 7_200 };
    const behind = { kind: "evm", endpoint: staleNode.url, fallbackEndpoint: chains().evm.rpcUrl, timeoutMs: 3_000 } as const;
    expect(await runProbe({ ...behind, thresholds: { ...relaxedAge, lagWarnBlocks: head - 1 } })).toMatchObject({ status: "degraded", detail: { blockNumber: 0, lagBlocks: head } });
    expect(await runProbe({ ...behind, thresholds: { ...relaxedAge, lagWarnBlocks: head } })).toMatchObject({ status: "ok", detail: { lagBlocks: head } });

    const ahead = await runProbe({ kind: "evm", endpoint: chains().evm.rpcUrl, fallbackEndpoint: staleNode.url, timeoutMs: 3_000, thresholds: { lagWarnBlocks: 0 } });
    expect(ahead).toMatchObject({ status: "ok", detail: { fallbackBlockNumber: 0, lagBlocks: 0 } });
  });

  it("judges the age of the latest block: an hour-old head is an error, or degraded under a higher limit", async () => {
    const stale = await runProbe({ kind: "evm", endpoint: staleNode.url, timeoutMs: 3_000 });
    expect(stale.status).toBe("error");
    expect(stale.error).toMatch(/^latest block is \d+ s old$/);
    expect(stale.detail.blockAgeSeconds).toBeGreaterThanOrEqual(3_590);
    expect(await runProbe({ kind: "evm", endpoint: staleNode.url, timeoutMs: 3_000, thresholds: { blockAgeCritSeconds: 7_200 } })).toMatchObject({ status: "degraded", error: null });
  });

  it("compares no heights across chains", async () => {
    const outcome = await runProbe({ kind: "evm", endpoint: chains().evm.rpcUrl, fallbackEndpoint: otherChainNode.url, timeoutMs: 3_000, thresholds: { lagWarnBlocks: 0 } });
    expect(outcome).toMatchObject({ status: "ok", detail: { chainId: chains().evm.chainId, lagBlocks: null } });
    expect(outcome.detail.fallbackError).toMatch(/^fallback is on another chain \(\d+\)$/);
  });

  it("only notes a fallback that is down or silent; the primary still decides", async () => {
    const refused = await runProbe({ kind: "evm", endpoint: chains().evm.rpcUrl, fallbackEndpoint: `http://127.0.0.1:${await closedPort()}`, timeoutMs: 2_000 });
    expect(refused).toMatchObject({ status: "ok", detail: { lagBlocks: null, fallbackError: "connection refused" } });

    const { outcome: silent, elapsedMs } = await timedProbe({ kind: "evm", endpoint: chains().evm.rpcUrl, fallbackEndpoint: `http://127.0.0.1:${silentPort}`, timeoutMs: 600 });
    expect(silent.status).toBe("ok");
    expect(silent.detail.fallbackError).toMatch(/^timed out after \d+ ms$/);
    expect(elapsedMs).toBeLessThan(600 + 500);
  });

  it("is an error when the node is not there", async () => {
    expect(await runProbe({ kind: "evm", endpoint: `http://127.0.0.1:${await closedPort()}`, timeoutMs: 1_000 })).toMatchObject({ status: "error", error: "connection refused" });
  });
});

describe("[PROBES][XRPL]", () => {
  it("is ok on the dev ledger, with server_info in detail", async () => {
    const outcome = await runProbe({ kind: "xrpl", endpoint: chains().xrpl.url, timeoutMs: 3_000 });
    expect(outcome).toMatchObject({ status: "ok", error: null, detail: { serverState: "full", peers: 0, loadFactor: 1 } });
    expect(outcome.detail.validatedLedger).toBeGreaterThan(0);
    expect(outcome.detail.ledgerAgeSeconds).toBeGreaterThanOrEqual(0);
  });

  it("is degraded on an old ledger or too few peers, and an error past the critical age", async () => {
    const probe = (thresholds: Record<string, number>) => runProbe({ kind: "xrpl", endpoint: chains().xrpl.url, timeoutMs: 3_000, thresholds });
    expect(await probe({ ledgerAgeWarnSeconds: -1 })).toMatchObject({ status: "degraded", error: null });
    expect(await probe({ minPeers: 1 })).toMatchObject({ status: "degraded", error: null });
    expect(await probe({ loadFactorWarn: 0.5 })).toMatchObject({ status: "degraded", error: null });
    const critical = await probe({ ledgerAgeCritSeconds: -1 });
    expect(critical.status).toBe("error");
    expect(critical.error).toMatch(/^validated ledger is \d+ s old$/);
  });

  it("is an error on a closed port", async () => {
    expect(await runProbe({ kind: "xrpl", endpoint: `ws://127.0.0.1:${await closedPort()}`, timeoutMs: 1_000 })).toMatchObject({ status: "error", error: "connection refused" });
  });
});

describe("[PROBES][DEADLINE]: a target that accepts and never answers", () => {
  const endpoints: [TProbeSpec["kind"], () => string][] = [
    ["http", () => `http://127.0.0.1:${silentPort}/health`],
    ["postgres", () => `postgresql://postgres:${FAKE_PASSWORD}@127.0.0.1:${silentPort}/x`],
    ["redis", () => `redis://:${FAKE_PASSWORD}@127.0.0.1:${silentPort}`],
    ["evm", () => `http://127.0.0.1:${silentPort}`],
    ["xrpl", () => `ws://127.0.0.1:${silentPort}`],
  ];

  it.each(endpoints)("%s: times out on time and leaves no socket open", async (kind, endpoint) => {
    // A leak found by an earlier case must not be blamed on this one.
    for (const socket of silentSockets) socket.destroy();
    const { outcome, elapsedMs } = await timedProbe({ kind, endpoint: endpoint(), timeoutMs: SILENT_TIMEOUT_MS });
    expect(outcome).toEqual({ status: "error", latencyMs: null, detail: {}, error: `timed out after ${SILENT_TIMEOUT_MS} ms` });
    expect(elapsedMs).toBeLessThan(SILENT_TIMEOUT_MS + 500);
    expect(JSON.stringify(outcome)).not.toContain(FAKE_PASSWORD);
    // The probe destroyed its end: the server sees every connection closed.
    await expect.poll(() => silentSockets.size, { timeout: 1_000, interval: 20 }).toBe(0);
  });
});
