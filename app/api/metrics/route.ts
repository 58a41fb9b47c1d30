import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { fail } from "@/lib/operations/result";
import { isBearerToken } from "@/lib/http/bearer";
import { renderMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

// Prometheus scrapes this with `authorization: Bearer <METRICS_TOKEN>` (README §Metrics). Without
// a configured token the endpoint does not exist: metrics name services, wallets and traffic.
export async function GET(request: Request) {
  const token = env().METRICS_TOKEN;
  if (!token) return NextResponse.json(fail("NOT_FOUND", "Not found"), { status: 404, headers: { "cache-control": "no-store" } });
  if (!isBearerToken(request.headers.get("authorization"), token)) {
    return NextResponse.json(fail("UNAUTHENTICATED", "A valid metrics bearer token is required"), {
      status: 401,
      headers: { "www-authenticate": "Bearer", "cache-control": "no-store" },
    });
  }
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
