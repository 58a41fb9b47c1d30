import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/write";
import { clientInfo } from "@/lib/http/request-context";
import { readThresholdValues } from "@/lib/alerts/readings";
import { BUSINESS_TABLES, isBusinessTable, readBusinessCsv } from "@/lib/business/metrics";
import { HTTP_STATUS, fail } from "@/lib/operations/result";

export const dynamic = "force-dynamic";

// A chain key as the sync writes it ("evm:31337", "xrpl"): anything else is refused before SQL.
const ZQuery = z.object({ chain: z.string().regex(/^[a-z][a-z0-9]*(:[A-Za-z0-9_-]{1,64})?$/).optional() });

function error(code: keyof typeof HTTP_STATUS, message: string, fieldErrors?: Record<string, string[]>) {
  return NextResponse.json(fail(code, message, fieldErrors), { status: HTTP_STATUS[code] });
}

/** GET /api/business/:table[?chain=evm:31337] — one business metrics table of the last 30 days as CSV; every signed-in role. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ table: string }> }) {
  const user = await getCurrentUser();
  if (!user) return error("UNAUTHENTICATED", "Sign in first");
  if (user.mfaSetupRequired) return error("FORBIDDEN", "Set up two-step sign-in first");
  if (!canOpen("/business", user.roles)) {
    await recordAudit(db, { actor: { id: user.id, email: user.email, roles: user.roles }, action: "business.export.denied", outcome: "denied", client: await clientInfo() });
    return error("FORBIDDEN", "Your roles do not open the business metrics");
  }
  const { table } = await params;
  if (!isBusinessTable(table)) return error("NOT_FOUND", `No such table: the business metrics export ${BUSINESS_TABLES.join(", ")}`);
  const query = ZQuery.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return error("INVALID_INPUT", "Some parameters are not valid", { chain: ["A chain key such as evm:31337"] });

  const now = new Date();
  const { disputeRatePct } = await readThresholdValues();
  const csv = await readBusinessCsv(db, user, table, { now, chain: query.data.chain, disputeRatePct });
  const scope = query.data.chain ? `-${query.data.chain.replace(/[^A-Za-z0-9]/g, "-")}` : "";
  return new NextResponse(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="opsdeck-business-${table}${scope}-${now.toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
