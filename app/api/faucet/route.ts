import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { handleFaucetPost } from "@/lib/faucet/http";

export const dynamic = "force-dynamic";

/**
 * POST /api/faucet `{ chain: "xrpl" | "evm", address }` — the public faucet. No session: rate
 * limits per client address and destination, abuse review, 503 while paused or empty.
 */
export async function POST(request: Request) {
  const { status, body, headers } = await handleFaucetPost(db, request);
  return NextResponse.json(body, { status, headers });
}

/** CORS preflight: the platform's public site calls this from the browser (no cookies). */
export function OPTIONS() {
  return new NextResponse(null, { status: 204, headers: { "access-control-allow-origin": "*", "access-control-allow-methods": "POST, OPTIONS", "access-control-allow-headers": "content-type", "access-control-max-age": "600" } });
}
