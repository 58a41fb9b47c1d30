import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { NASTY_STRINGS } from "@/tests/support/malformed-arbitraries";

// Malformed requests against every API route and every server action of a running OpsDeck, over
// real HTTP: each answer must be a 4xx (or a 2xx/3xx that changed nothing), never a 5xx. The
// caller compares the database before and after to prove nothing was written.

export type TFuzzTarget = { name: string; request: (junk: TJunk) => { method: string; path: string; headers?: Record<string, string>; body?: string } };
type TJunk = { text: string; json: unknown; key: string };

const junkText = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 200 }), fc.string({ minLength: 3000, maxLength: 5000 }), fc.string({ unit: "grapheme", maxLength: 50 }));
const junkJson = fc.oneof(fc.json({ maxDepth: 3 }).map((j) => JSON.parse(j) as unknown), fc.constantFrom<unknown>(null, [], {}, { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } }, 1e308, -1, "", [[[[]]]]));
export const junk: fc.Arbitrary<TJunk> = fc.record({ text: junkText, json: junkJson, key: fc.constantFrom("chain", "address", "format", "actor", "from", "to", "outcome", "table", "id", "range", "page", "cursor", "x") });

// URLs carry at most 1,000 characters of junk: longer request lines are refused by Node's HTTP
// parser itself (it closes the connection), before OpsDeck sees them. Lone surrogates cannot be
// percent-encoded; a browser sends U+FFFD for them.
const enc = (s: string) => encodeURIComponent(s.slice(0, 1000).toWellFormed());
const UUID_LIKE = "00000000-0000-4000-8000-000000000000";

/** The server actions the production build knows (their ids change with every build). */
export function serverActionIds(root: string, distDir: string): string[] {
  const file = path.join(root, distDir, "server/server-reference-manifest.json");
  if (!fs.existsSync(file)) return [];
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node?: Record<string, unknown> };
  return Object.keys(manifest.node ?? {});
}

export function fuzzTargets(actionIds: string[]): TFuzzTarget[] {
  const get = (name: string, p: (j: TJunk) => string): TFuzzTarget => ({ name, request: (j) => ({ method: "GET", path: p(j) }) });
  return [
    get("GET /api/health", (j) => `/api/health?${enc(j.key)}=${enc(j.text)}`),
    get("GET /api/health/ready", (j) => `/api/health/ready?${enc(j.text)}`),
    get("GET /api/health/live", (j) => `/api/health/live?${enc(j.key)}=${enc(j.text)}`),
    { name: "GET /api/metrics", request: (j) => ({ method: "GET", path: "/api/metrics", headers: { authorization: `Bearer ${j.text.replace(/[^\x20-\x7e]/g, "?")}` } }) },
    get("GET /api/business/:table", (j) => `/api/business/${enc(j.text) || "x"}?chain=${enc(j.text)}`),
    // Only values that are wrong for their filter: a valid filter would be a real (audited) export.
    get("GET /api/audit/export", (j) => `/api/audit/export?format=${enc(`x${j.text}`)}&from=${enc(`not-a-date ${j.text}`)}`),
    get("GET /api/treasury/reconciliation", (j) => `/api/treasury/reconciliation?${enc(j.key)}=${enc(j.text)}&days=${enc(j.text)}x`),
    get("GET /api/faucet/:id", (j) => `/api/faucet/${enc(j.text) || UUID_LIKE}`),
    get("GET /incidents/:id/postmortem/export", (j) => `/incidents/${enc(j.text) || "x"}/postmortem/export?format=${enc(j.text)}`),
    {
      name: "POST /api/faucet",
      request: (j) => ({ method: "POST", path: "/api/faucet", headers: { "content-type": "application/json" }, body: JSON.stringify(typeof j.json === "object" && j.json ? { ...j.json, chain: j.text } : j.json) }),
    },
    { name: "POST /api/faucet (not JSON)", request: (j) => ({ method: "POST", path: "/api/faucet", headers: { "content-type": "application/json" }, body: `{${j.text}` }) },
    { name: "POST /api/alerts/alertmanager", request: (j) => ({ method: "POST", path: "/api/alerts/alertmanager", headers: { "content-type": "application/json", authorization: `Bearer ${j.key}` }, body: JSON.stringify(j.json) }) },
    {
      name: "POST /api/auth/callback/credentials",
      request: (j) => ({ method: "POST", path: "/api/auth/callback/credentials", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken: j.key, email: j.text, password: j.text }).toString() }),
    },
    // A server action called with arguments the page never sends (a non-form, junk operation ids, junk forms).
    ...(actionIds.length
      ? [
          {
            name: "server action (junk arguments)",
            request: (j: TJunk) => ({
              method: "POST",
              path: "/",
              headers: { "next-action": actionIds[Math.abs(hash(j.text)) % actionIds.length]!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
              body: JSON.stringify([j.text, j.json, j.json]),
            }),
          },
          {
            name: "server action (junk form)",
            request: (j: TJunk) => {
              const form = new URLSearchParams({ [`1_${j.key}`]: j.text, _revalidate: j.text, idempotencyKey: j.text, reason: j.text });
              return { method: "POST", path: "/", headers: { "next-action": actionIds[Math.abs(hash(j.key)) % actionIds.length]!, "content-type": "application/x-www-form-urlencoded", accept: "text/x-component" }, body: form.toString() };
            },
          },
          { name: "server action (unknown id)", request: (j: TJunk) => ({ method: "POST", path: "/", headers: { "next-action": j.text.replace(/[^\x21-\x7e]/g, "x").slice(0, 80) || "x", "content-type": "text/plain;charset=UTF-8" }, body: JSON.stringify([j.json]) }) },
        ]
      : []),
  ];
}

function hash(s: string) {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

export type TFuzzReport = { target: string; requests: number; statuses: Record<string, number>; serverErrors: { status: number; path: string; body: string }[] };

/** `runsPerTarget` generated requests against each target, as a signed-in admin (and as nobody for the public routes). */
export async function fuzzHttp(opts: { baseUrl: string; cookie: string; targets: TFuzzTarget[]; runsPerTarget: number; seed: number }): Promise<TFuzzReport[]> {
  const reports: TFuzzReport[] = [];
  for (const target of opts.targets) {
    const report: TFuzzReport = { target: target.name, requests: 0, statuses: {}, serverErrors: [] };
    await fc.assert(
      fc.asyncProperty(junk, fc.boolean(), async (j, signedIn) => {
        const r = target.request(j);
        let status = 0;
        let text = "";
        try {
          const res = await fetch(`${opts.baseUrl}${r.path}`, {
            method: r.method,
            headers: { ...(r.headers ?? {}), ...(signedIn ? { cookie: opts.cookie } : {}) },
            body: r.body,
            redirect: "manual",
            signal: AbortSignal.timeout(20_000),
          });
          status = res.status;
          text = status >= 500 ? (await res.text()).slice(0, 300) : "";
          if (status < 500) await res.arrayBuffer();
        } catch (err) {
          text = err instanceof Error ? err.message : String(err);
        }
        report.requests++;
        const bucket = status === 0 ? "network error" : `${Math.floor(status / 100)}xx`;
        report.statuses[bucket] = (report.statuses[bucket] ?? 0) + 1;
        if (status === 0 || status >= 500) report.serverErrors.push({ status, path: r.path.slice(0, 120), body: text });
        return true; // every failure is collected and reported, not just the first
      }),
      { numRuns: opts.runsPerTarget, seed: opts.seed },
    );
    reports.push(report);
  }
  return reports;
}
