import "server-only";
import type { TPrisma } from "@/lib/db/prisma";
import ipaddr from "ipaddr.js";
import { clientAddress } from "@/lib/http/client-address";
import { env } from "@/lib/env";
import { ZFaucetBody, takeFaucetRequest } from "@/lib/faucet/intake";

// POST /api/faucet as a plain function of the request (the route is a thin wrapper), so the
// integration tests drive exactly what a client sends: headers, body, client address.

/**
 * The client a limit counts against: an IPv4 address as it is, an IPv6 address by its /64 (one
 * subscriber usually holds the whole /64 and could rotate through it).
 */
export function clientKey(address: string): string | null {
  try {
    const parsed = ipaddr.process(address.trim().replace(/^\[|\]$/g, ""));
    if (parsed.kind() === "ipv4") return parsed.toString();
    const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
    return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
  } catch {
    return null;
  }
}

export type THttpAnswer = { status: number; body: unknown; headers: Record<string, string> };

const MAX_BODY_BYTES = 2_048;
const CORS = { "access-control-allow-origin": "*", "cache-control": "no-store" };

function answer(status: number, body: unknown, headers: Record<string, string> = {}): THttpAnswer {
  return { status, body, headers: { ...CORS, ...headers } };
}

export async function handleFaucetPost(db: TPrisma, request: Request): Promise<THttpAnswer> {
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) return answer(415, { ok: false, code: "UNSUPPORTED_MEDIA_TYPE", error: "Send JSON (content-type: application/json)" });
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return answer(413, { ok: false, code: "TOO_LARGE", error: `The body is larger than ${MAX_BODY_BYTES} bytes` });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return answer(400, { ok: false, code: "INVALID_INPUT", error: "The body is not valid JSON" });
  }
  const parsed = ZFaucetBody.safeParse(json);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
    return answer(400, { ok: false, code: "INVALID_INPUT", error: Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v.join(", ")}`).join("; "), fieldErrors });
  }
  // X-Forwarded-For counts only behind TRUSTED_PROXIES (lib/http/client-address.ts).
  const peer = clientAddress(request.headers, env().TRUSTED_PROXIES);
  const clientIp = peer ? clientKey(peer) : null;
  if (!clientIp) return answer(400, { ok: false, code: "NO_CLIENT_ADDRESS", error: "The client address is unknown" });
  const result = await takeFaucetRequest(db, { body: parsed.data, clientIp, peer: peer!, userAgent: request.headers.get("user-agent") });
  // "review" reads as "queued" to the public: the abuse rules' thresholds are not advertised.
  if (result.ok) return answer(202, { ok: true, data: { ...result.data, status: "queued" } });
  return answer(result.status, { ok: false, code: result.code, error: result.error }, result.retryAfterSeconds ? { "retry-after": String(result.retryAfterSeconds) } : {});
}

/** GET /api/faucet/:id — where a request stands, and its transaction once sent. */
export async function handleFaucetStatus(db: TPrisma, id: string): Promise<THttpAnswer> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return answer(404, { ok: false, code: "NOT_FOUND", error: "No such request" });
  const r = await db.faucetRequest.findUnique({ where: { id }, select: { id: true, chain: true, address: true, amount: true, status: true, txHash: true, createdAt: true, sentAt: true } });
  if (!r) return answer(404, { ok: false, code: "NOT_FOUND", error: "No such request" });
  // "review" reads as "queued" to the public: the abuse rules are not advertised.
  return answer(200, { ok: true, data: { ...r, status: r.status === "review" ? "queued" : r.status } });
}
