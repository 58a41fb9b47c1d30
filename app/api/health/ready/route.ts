import { NextResponse } from "next/server";
import { checkReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/** Readiness: 503 while the database is unreachable or migrations are pending, so a load balancer holds traffic. */
export async function GET() {
  const readiness = await checkReadiness();
  return NextResponse.json(
    readiness.ready ? { status: "ready" } : { status: "not_ready", reason: readiness.reason },
    { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
