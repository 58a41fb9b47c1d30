import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { getPostmortem } from "@/lib/incidents/queries";
import { incidentRef } from "@/lib/incidents/model";
import { HTTP_STATUS, fail } from "@/lib/operations/result";

export const dynamic = "force-dynamic";

/** GET: the post-mortem (saved, or the prefilled draft) as a Markdown file. Everyone who can open incidents. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json(fail("UNAUTHENTICATED", "Sign in first"), { status: HTTP_STATUS.UNAUTHENTICATED });
  if (user.mfaSetupRequired || !canOpen("/incidents", user.roles)) return NextResponse.json(fail("FORBIDDEN", "Not allowed"), { status: HTTP_STATUS.FORBIDDEN });
  const { id } = await params;
  const pm = await getPostmortem(id);
  if (!pm) return NextResponse.json(fail("NOT_FOUND", "No such incident"), { status: HTTP_STATUS.NOT_FOUND });
  return new NextResponse(pm.markdown, {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${incidentRef(pm.incident.number)}-postmortem.md"`,
      "cache-control": "no-store",
    },
  });
}
