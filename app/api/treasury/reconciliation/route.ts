import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/write";
import { chainKey, evmChain } from "@/lib/chains/evm";
import { clientInfo } from "@/lib/http/request-context";
import { readThresholdValues } from "@/lib/alerts/readings";
import { listReconciliation } from "@/lib/treasury/reconciliation";
import { reconciliationCsv } from "@/lib/treasury/reconciliation-math";
import { HTTP_STATUS, fail } from "@/lib/operations/result";

export const dynamic = "force-dynamic";

const ZQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

function error(code: keyof typeof HTTP_STATUS, message: string, fieldErrors?: Record<string, string[]>) {
  return NextResponse.json(fail(code, message, fieldErrors), { status: HTTP_STATUS[code] });
}

/** GET /api/treasury/reconciliation?days=30 — the fee reconciliation's days as CSV; treasury, approvers, auditors and admins. */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return error("UNAUTHENTICATED", "Sign in first");
  if (user.mfaSetupRequired) return error("FORBIDDEN", "Set up two-step sign-in first");
  const actor = { id: user.id, email: user.email, roles: user.roles };
  if (!canOpen("/treasury/reconciliation", user.roles)) {
    await recordAudit(db, { actor, action: "treasury.reconciliation.export.denied", outcome: "denied", client: await clientInfo() });
    return error("FORBIDDEN", "Only treasury, approvers, auditors and admins can export the fee reconciliation");
  }
  const query = ZQuery.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return error("INVALID_INPUT", "Some parameters are not valid", { days: ["A whole number of days from 1 to 366"] });
  const chain = evmChain();
  if (!chain?.escrow) return error("NOT_FOUND", "No escrow contract is configured");

  const now = new Date();
  const { feeMismatchTolerance } = await readThresholdValues();
  const rows = await listReconciliation(db, { chain: chainKey(chain), days: query.data.days, now, tolerance: feeMismatchTolerance });
  return new NextResponse(reconciliationCsv(rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="opsdeck-fee-reconciliation-${now.toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
