import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/http/client-address";
import { env } from "@/lib/env";
import type { TClientInfo } from "@/lib/operations/define";

/** Who is calling, for audit events: address, user agent and the request id set by proxy.ts. */
export async function clientInfo(): Promise<TClientInfo> {
  const h = await headers();
  return { ip: clientAddress(h, env().TRUSTED_PROXIES), userAgent: h.get("user-agent"), requestId: h.get("x-request-id") };
}
