import type { Metadata } from "next";
import { Wrench } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { TaskCard } from "@/components/maintenance/task-card";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { MAINTENANCE_WRITERS, readMaintenancePage } from "@/lib/maintenance/schedule";

export const metadata: Metadata = { title: "Maintenance" };
export const dynamic = "force-dynamic";

// The weekly and monthly maintenance checklists, phone first: each card says whether it is late,
// then its steps (ticked off right there by operators and admins), its owner and what was done.
export default async function MaintenancePage() {
  const user = await requireRoute("/maintenance");
  const now = new Date();
  const page = await readMaintenancePage(db, user, now);
  const writersHint = `Only ${MAINTENANCE_WRITERS.map((r) => `${r}s`).join(" and ")} record and assign checklists.`;
  const { overdue, dueSoon } = page.counts;

  return (
    <>
      <PageHeader title="Maintenance" description="The recurring weekly and monthly checklists. Run the commands on the hosts yourself; record here which steps you did." />
      {page.tasks.length === 0 ? (
        <EmptyState icon={<Wrench size={20} />} title="No checklists">
          The checklists come with the database migrations; run them.
        </EmptyState>
      ) : (
        <>
          <p className={`mb-4 text-sm font-medium ${overdue ? "text-crit" : dueSoon ? "text-warn" : "text-ok"}`} data-testid="maintenance-summary">
            {overdue ? `${overdue} overdue` : dueSoon ? `${dueSoon} due within 2 days` : "Nothing overdue"}
          </p>
          <div className="grid gap-4 xl:grid-cols-2">
            {page.tasks.map((t) => (
              <TaskCard key={t.id} task={t} now={now} canWrite={page.canWrite} writersHint={writersHint} assignees={page.assignees} />
            ))}
          </div>
        </>
      )}
    </>
  );
}
