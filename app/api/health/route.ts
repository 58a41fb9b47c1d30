import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { runHealthChecks } from "@/lib/health/checks";

export const dynamic = "force-dynamic";

// The shape of the platform guides' health endpoint: status, version, uptime, checks.
export async function GET() {
  const health = await runHealthChecks();
  const body = {
    status: health.status,
    version: env().OPSDECK_VERSION,
    uptime_seconds: Math.round(process.uptime()),
    checks: Object.fromEntries(health.checks.map(({ name, ...rest }) => [name, rest])),
  };
  return NextResponse.json(body, { status: health.status === "error" ? 503 : 200, headers: { "cache-control": "no-store" } });
}
