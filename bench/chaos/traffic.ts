import { Wallet } from "xrpl";

// Steady traffic while things break: signed-in page views and public faucet requests (real writes
// whose acknowledgements are kept, so the run can prove afterwards that none was lost), spread
// over every web instance that is up.

export type TSample = { at: number; kind: "page" | "faucet"; status: number; ms: number; error?: string };
export type TAcked = { id: string; address: string };

const PAGES = ["/", "/services", "/faucet", "/incidents", "/approvals", "/api/health/ready"];

let clientCounter = 0;
/** A public client address of its own for each faucet request (believed from loopback: TRUSTED_PROXIES). */
function nextClientIp() {
  const n = ++clientCounter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export async function postFaucet(baseUrl: string): Promise<{ status: number; acked?: TAcked }> {
  const address = Wallet.generate().classicAddress;
  const res = await fetch(`${baseUrl}/api/faucet`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": nextClientIp() },
    body: JSON.stringify({ chain: "xrpl", address }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => null)) as { ok?: boolean; data?: { id?: string } } | null;
  return { status: res.status, acked: res.status === 202 && body?.data?.id ? { id: body.data.id, address } : undefined };
}

/**
 * `maxFaucet` bounds the faucet requests (each pays 20 XRP from a 50,000 XRP dev wallet): an empty
 * faucet answers 503 by design, which would be counted as failures that have nothing to do with the chaos.
 */
export function startTraffic(opts: { webs: () => string[]; cookie: string; concurrency?: number; faucetShare?: number; maxFaucet?: number }) {
  const samples: TSample[] = [];
  const acked: TAcked[] = [];
  let running = true;
  let turn = 0;
  let faucetSent = 0;
  const loops = Array.from({ length: opts.concurrency ?? 6 }, async () => {
    while (running) {
      const webs = opts.webs();
      const base = webs[turn++ % webs.length]!;
      const kind = faucetSent < (opts.maxFaucet ?? 1_000) && Math.random() < (opts.faucetShare ?? 0.1) ? "faucet" : "page";
      if (kind === "faucet") faucetSent++;
      const started = Date.now();
      try {
        if (kind === "faucet") {
          const r = await postFaucet(base);
          if (r.acked) acked.push(r.acked);
          samples.push({ at: started, kind, status: r.status, ms: Date.now() - started });
        } else {
          const res = await fetch(`${base}${PAGES[turn % PAGES.length]}`, { headers: { cookie: opts.cookie }, redirect: "manual", signal: AbortSignal.timeout(15_000) });
          await res.arrayBuffer();
          samples.push({ at: started, kind, status: res.status, ms: Date.now() - started });
        }
      } catch (err) {
        samples.push({ at: started, kind, status: 0, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  return {
    samples,
    acked,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

export const isFailure = (s: TSample) => s.status === 0 || s.status >= 500;

/** Failed requests in [from, to), and how long after `from` the last of them started (0: none failed). */
export function failuresBetween(samples: TSample[], from: number, to: number) {
  const window = samples.filter((s) => s.at >= from && s.at < to);
  const failed = window.filter(isFailure);
  const lastFailure = failed.reduce((max, s) => Math.max(max, s.at + s.ms), from);
  const byStatus = Object.entries(Object.groupBy(failed, (s) => `${s.kind} ${s.status || s.error || "error"}`)).map(([k, v]) => `${k} ×${v!.length}`);
  return { requests: window.length, failed: failed.length, recoverSeconds: failed.length ? Math.round((lastFailure - from) / 100) / 10 : 0, failures: byStatus.join(", ") };
}
