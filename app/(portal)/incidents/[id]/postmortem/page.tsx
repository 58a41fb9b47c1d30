import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Download } from "lucide-react";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/format/time";
import { buttonClass } from "@/components/ui/button";
import { TextArea } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { requireRoute } from "@/lib/auth/session";
import { getPostmortem } from "@/lib/incidents/queries";
import { incidentRef } from "@/lib/incidents/model";
import { savePostmortem } from "@/lib/operations/incidents";

export const metadata: Metadata = { title: "Post-mortem" };
export const dynamic = "force-dynamic";

export default async function PostmortemPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRoute("/incidents");
  const { id } = await params;
  const pm = await getPostmortem(id);
  if (!pm) notFound();
  const canEdit = savePostmortem.allowed.some((r) => user.roles.includes(r));
  const isPublished = !!pm.saved?.publishedAt;
  const canPublish = canEdit && !isPublished && !!pm.saved && (pm.incident.status === "resolved" || pm.incident.status === "postmortem_done");
  const path = `/incidents/${id}/postmortem`;
  return (
    <>
      <Link href={`/incidents/${id}`} className="mb-2 inline-flex min-h-11 items-center text-sm text-accent">
        ← {incidentRef(pm.incident.number)} war room
      </Link>
      <PageHeader
        title={`Post-mortem: ${pm.incident.title}`}
        description={
          isPublished ? (
            <>
              Published by {pm.saved!.publishedBy} · <Time value={pm.saved!.publishedAt} />
            </>
          ) : pm.isDraft ? (
            "A draft from the template, prefilled with the timeline and the runbook runs. Save it to keep your edits."
          ) : (
            <>
              Draft saved by {pm.saved!.updatedBy} · <Time value={pm.saved!.updatedAt} />
            </>
          )
        }
        actions={
          <a href={`${path}/export`} className={buttonClass("secondary")} download>
            <Download size={16} aria-hidden /> Export .md
          </a>
        }
      />
      <div className="flex flex-col gap-4">
        {isPublished || !canEdit ? (
          <Card>
            <pre className="whitespace-pre-wrap break-words font-mono text-sm" data-testid="postmortem-text">
              {pm.markdown}
            </pre>
          </Card>
        ) : (
          <Card title="Markdown">
            <OperationForm operationId="postmortem.save" submitLabel="Save draft" revalidate={[path, `/incidents/${id}`]} successText="Saved.">
              <input type="hidden" name="incidentId" value={id} />
              <TextArea label="Post-mortem (Markdown)" name="markdown" defaultValue={pm.markdown} rows={28} className="font-mono" required />
            </OperationForm>
          </Card>
        )}
        {canPublish && (
          <Card title="Publish">
            <p className="mb-3 text-sm text-muted">Publishing makes the saved draft final and closes the incident. Save your latest edits first.</p>
            <OperationForm operationId="postmortem.publish" submitLabel="Publish" revalidate={[path, `/incidents/${id}`, "/incidents"]} successText="Published.">
              <input type="hidden" name="incidentId" value={id} />
            </OperationForm>
          </Card>
        )}
        {canEdit && !isPublished && !canPublish && <p className="text-sm text-muted">{pm.saved ? "Resolve the incident to publish its post-mortem." : "Save the draft; once the incident is resolved you can publish it."}</p>}
      </div>
    </>
  );
}
