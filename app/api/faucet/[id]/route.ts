import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { handleFaucetStatus } from "@/lib/faucet/http";

export const dynamic = "force-dynamic";

/** GET /api/faucet/:id — a request's status and, once sent, its transaction hash. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { status, body, headers } = await handleFaucetStatus(db, (await params).id);
  return NextResponse.json(body, { status, headers });
}
