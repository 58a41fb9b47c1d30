// The client's address as seen by the nearest hop. Next.js appends the socket's peer address
// to X-Forwarded-For, so the last entry is the one a client cannot forge; believing earlier
// entries from TRUSTED_PROXIES comes with the sign-in hardening.
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (!forwarded) return null;
  const hops = forwarded.split(",").map((h) => h.trim()).filter(Boolean);
  return hops.at(-1) ?? null;
}
