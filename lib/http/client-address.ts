import { matchesAny } from "@/lib/http/address-match";

// The client's address. server.mjs puts the socket's peer address in x-opsdeck-peer. When that
// peer is a trusted proxy, X-Forwarded-For is read from the right, skipping trusted proxies; the
// first address that is not one is the client. Anything else a client sends is ignored.
export function clientAddress(headers: Headers, trustedProxies: readonly string[] = []): string | null {
  const peer = headers.get("x-opsdeck-peer")?.replace(/^::ffff:/, "") || null;
  if (!peer || !matchesAny(peer, trustedProxies)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!matchesAny(hops[i], trustedProxies)) return hops[i]!;
  }
  return hops[0] ?? peer;
}
