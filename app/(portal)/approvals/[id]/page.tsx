import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/format/time";
import { ApprovalProgress, RiskBadge, StatusBadge, timeLeft } from "@/components/approvals/request-badges";
import { VoteForm } from "@/components/approvals/vote-form";
import { requireRoute } from "@/lib/auth/session";
import { getRequest } from "@/lib/approvals/queries";
import { ROLE_LABELS } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Approval request" };

function Outcome({ outcome }: { outcome: unknown }) {
  if (!outcome || typeof outcome !== "object") return null;
  const o = outcome as { result?: unknown; error?: string; rejectedBy?: string; reason?: string };
  if (o.error) return <p className="text-sm text-crit">Failed: {o.error}</p>;
  if (o.rejectedBy) return <p className="text-sm">Rejected by {o.rejectedBy}: “{o.reason}”</p>;
  const result = o.result as { txHash?: string } | undefined;
  return (
    <div className="text-sm">
      {result?.txHash && (
        <p>
          Transaction <span className="break-all font-mono">{result.txHash}</span>
        </p>
      )}
      <pre className="mt-2 overflow-x-auto rounded bg-surface-2 p-3 font-mono text-xs">{JSON.stringify(o.result, null, 2)}</pre>
    </div>
  );
}

export default async function ApprovalRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRoute("/approvals");
  const { id } = await params;
  const request = await getRequest(user, id);
  if (!request) notFound();
  return (
    <>
      <Link href="/approvals" className="mb-4 inline-flex min-h-11 items-center gap-2 text-sm text-muted hover:text-fg">
        <ArrowLeft size={16} aria-hidden /> Approvals
      </Link>
      <div className="mb-6 flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={request.status} />
          <RiskBadge risk={request.risk} />
          {request.status === "PENDING" && <span className="text-sm text-muted">{timeLeft(request.expiresAt)}</span>}
        </div>
        <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">{request.title}</h1>
        <p className="text-sm text-muted">{request.description}</p>
        {request.target && (
          <Link href={request.target.href} className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-accent">
            {request.target.label} →
          </Link>
        )}
      </div>
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="flex flex-col gap-4">
          <Card title="Decision">
            <div className="mb-4 flex items-center justify-between gap-2">
              <ApprovalProgress approvals={request.approvals} requiredCount={request.requiredCount} />
              <span className="text-xs text-muted">by {request.approverRoles.map((r) => ROLE_LABELS[r]).join(" or ")}</span>
            </div>
            {request.canVote ? <VoteForm requestId={request.id} isCritical={request.risk === "critical"} /> : <p className="text-sm text-muted">{request.whyNot}</p>}
          </Card>
          <Card title="What was asked">
            <dl className="grid grid-cols-[minmax(0,1fr)] gap-3 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]">
              <dt className="text-muted">Requested by</dt>
              <dd>
                {request.requestedBy} · <Time value={request.createdAt} />
              </dd>
              <dt className="text-muted">Why</dt>
              <dd>“{request.reason}”</dd>
              <dt className="text-muted">Operation</dt>
              <dd className="font-mono">{request.operationId}</dd>
              <dt className="text-muted">Exact input</dt>
              <dd>
                <pre className="overflow-x-auto rounded bg-surface-2 p-3 font-mono text-xs">{JSON.stringify(request.input, null, 2)}</pre>
              </dd>
            </dl>
          </Card>
          {request.outcome !== null && (
            <Card title="Outcome">
              <Outcome outcome={request.outcome} />
            </Card>
          )}
        </div>
        <div className="flex flex-col gap-4">
          <Card title="Votes">
            {request.votes.length === 0 ? (
              <p className="text-sm text-muted">No votes yet.</p>
            ) : (
              <ul className="flex flex-col gap-3 text-sm">
                {request.votes.map((v) => (
                  <li key={v.voter} className="flex flex-col gap-1">
                    <span className="flex items-center gap-2">
                      <Badge tone={v.decision === "APPROVE" ? "ok" : "crit"}>{v.decision === "APPROVE" ? "Approved" : "Rejected"}</Badge>
                      {v.voter}
                    </span>
                    <span className="text-xs text-muted">
                      <Time value={v.createdAt} />
                      {v.reason && ` · “${v.reason}”`}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Audit trail">
            <ol className="flex flex-col gap-2 text-sm" aria-label="Audit trail">
              {request.trail.map((e) => (
                <li key={e.id} className="flex flex-col">
                  <span className="font-mono text-xs">{e.action}</span>
                  <span className="text-xs text-muted">
                    {e.actor ?? "OpsDeck"} · <Time value={e.at} />
                  </span>
                </li>
              ))}
            </ol>
          </Card>
        </div>
      </div>
    </>
  );
}
