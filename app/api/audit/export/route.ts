import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/write";
import { auditExportStream } from "@/lib/audit/export";
import { ZAuditFilters, auditWhere, idRangeHint } from "@/lib/audit/queries";
import { clientInfo } from "@/lib/http/request-context";
import { HTTP_STATUS, fail } from "@/lib/operations/result";

export const dynamic = "force-dynamic";

function error(code: keyof typeof HTTP_STATUS, message: string, fieldErrors?: Record<string, string[]>) {
  return NextResponse.json(fail(code, message, fieldErrors), { status: HTTP_STATUS[code] });
}

/** GET /api/audit/export?format=csv|jsonl&actor=&action=&target=&outcome=&from=&to= — auditors and admins. */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return error("UNAUTHENTICATED", "Sign in first");
  if (user.mfaSetupRequired) return error("FORBIDDEN", "Set up two-step sign-in first");
  const client = await clientInfo();
  const actor = { id: user.id, email: user.email, roles: user.roles };
  if (!user.roles.some((r) => r === "auditor" || r === "admin")) {
    await recordAudit(db, { actor, action: "audit.export.denied", outcome: "denied", client });
    return error("FORBIDDEN", "Only auditors and admins can export the audit log");
  }
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const format = params.format === "jsonl" ? "jsonl" : params.format === "csv" || !params.format ? "csv" : null;
  const filters = ZAuditFilters.safeParse(params);
  if (!format || !filters.success) {
    return error("INVALID_INPUT", "Some filters are not valid", format ? undefined : { format: ["Use csv or jsonl"] });
  }
  // The export itself is audited before the first byte leaves.
  await recordAudit(db, { actor, action: "audit.exported", outcome: "success", payload: { format, filters: params }, client });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new NextResponse(auditExportStream(db, { AND: [auditWhere(filters.data), await idRangeHint(filters.data)] }, format), {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="opsdeck-audit-${stamp}.${format === "csv" ? "csv" : "jsonl"}"`,
      "cache-control": "no-store",
    },
  });
}
