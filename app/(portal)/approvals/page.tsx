import type { Metadata } from "next";
import Link from "next/link";
import { Inbox } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/format/time";
import { ApprovalProgress, RiskBadge, StatusBadge, timeLeft } from "@/components/approvals/request-badges";
import { cn } from "@/components/ui/cn";
import { requireRoute } from "@/lib/auth/session";
import { listInbox, type TInboxTab } from "@/lib/approvals/queries";

export const metadata: Metadata = { title: "Approvals" };

const TABS: { id: TInboxTab; label: string; empty: string }[] = [
  { id: "waiting", label: "Waiting for me", empty: "Nothing is waiting for your decision." },
  { id: "mine", label: "Requested by me", empty: "You have not asked for anything that needs approval." },
  { id: "history", label: "History", empty: "No decided requests yet." },
];

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const user = await requireRoute("/approvals");
  const { tab: rawTab } = await searchParams;
  const tab = TABS.find((t) => t.id === rawTab) ?? TABS[0]!;
  const items = await listInbox(user, tab.id);
  return (
    <>
      <PageHeader title="Approvals" description="Changes that need more than one person. Nobody approves their own request." />
      <nav aria-label="Approval lists" className="mb-4 flex gap-1 overflow-x-auto rounded-lg border border-border bg-surface p-1">
        {TABS.map((t) => (
          <Link
            key={t.id}
            href={`/approvals?tab=${t.id}`}
            aria-current={t.id === tab.id ? "page" : undefined}
            className={cn("flex min-h-11 flex-1 items-center justify-center whitespace-nowrap rounded-md px-3 text-sm font-medium", t.id === tab.id ? "bg-accent text-accent-fg" : "text-muted hover:bg-surface-2")}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <Card>
        {items.length === 0 ? (
          <EmptyState icon={<Inbox size={24} />} title={tab.empty} />
        ) : (
          <ul className="divide-y divide-border" aria-label={tab.label}>
            {items.map((r) => (
              <li key={r.id}>
                <Link href={`/approvals/${r.id}`} className="flex flex-col gap-2 py-3 hover:bg-surface-2 sm:flex-row sm:items-center sm:justify-between sm:px-2">
                  <span className="min-w-0">
                    <span className="block font-medium">{r.title}</span>
                    <span className="block text-xs text-muted">
                      <span className="font-mono">{r.operationId}</span> · by {r.requestedBy} · <Time value={r.createdAt} />
                    </span>
                  </span>
                  <span className="flex flex-wrap items-center gap-2">
                    <RiskBadge risk={r.risk} />
                    <StatusBadge status={r.status} />
                    {r.status === "PENDING" && (
                      <>
                        <ApprovalProgress approvals={r.approvals} requiredCount={r.requiredCount} />
                        <span className="text-xs text-muted">{timeLeft(r.expiresAt)}</span>
                      </>
                    )}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
