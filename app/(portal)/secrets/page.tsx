import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { SecretList } from "@/components/secrets/secret-list";
import { BackupList } from "@/components/secrets/backup-list";
import { BackupHistory, RotationHistory } from "@/components/secrets/history";
import { RecordBackupForm, RecordRotationForm, RotationPeriodForm } from "@/components/secrets/record-forms";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { readSecretsPage, type TSecretsPage } from "@/lib/secrets/schedule";
import { recordBackup, recordRotation, updateSecretSchedule } from "@/lib/operations/secrets";

export const metadata: Metadata = { title: "Secrets & backups" };
export const dynamic = "force-dynamic";

// Secrets & backups, phone first: what is late, then the schedule with the form to record a
// rotation, then the backups with theirs, then what happened lately.
export default async function SecretsPage() {
  const user = await requireRoute("/secrets");
  const now = new Date();
  const page = await readSecretsPage(db, user, now);
  const can = (op: { allowed: readonly string[] }) => op.allowed.some((r) => user.roles.includes(r as never));
  const onlyFor = (op: { allowed: readonly string[] }) => `Only ${op.allowed.join(", ")} can record these here.`;

  return (
    <>
      <PageHeader title="Secrets & backups" description="The rotation schedule and the backups with their monthly restore test. Only the fact of a rotation is recorded here, never a secret." />

      <div className="grid gap-4 lg:grid-cols-3">
        <Summary page={page} />

        <Card title={`Rotation schedule (${page.secrets.length})`} className="lg:col-span-2">
          <div id="secrets" className="scroll-mt-20" />
          {page.secrets.length === 0 ? (
            <EmptyState icon={<KeyRound size={20} />} title="No secrets in the schedule">
              The schedule comes with the database migrations; run them.
            </EmptyState>
          ) : (
            <SecretList secrets={page.secrets} now={now} />
          )}
        </Card>

        <div className="flex min-w-0 flex-col gap-4">
          <Card title="Record a rotation">
            {can(recordRotation) && page.secrets.length > 0 ? <RecordRotationForm secrets={page.secrets} now={now} /> : <p className="text-sm text-muted">{onlyFor(recordRotation)}</p>}
          </Card>
          {can(updateSecretSchedule) && page.secrets.length > 0 && (
            <Card title="Change a rotation period">
              <RotationPeriodForm secrets={page.secrets} />
            </Card>
          )}
        </div>

        <Card title={`Backups (${page.backups.length})`} className="lg:col-span-2">
          <div id="backups" className="scroll-mt-20" />
          {page.backups.length === 0 ? <p className="text-sm text-muted">No backup targets configured.</p> : <BackupList backups={page.backups} now={now} />}
        </Card>

        <Card title="Record a backup or restore test">
          {can(recordBackup) && page.backups.length > 0 ? <RecordBackupForm backups={page.backups} now={now} /> : <p className="text-sm text-muted">{onlyFor(recordBackup)}</p>}
        </Card>

        <div className="grid min-w-0 gap-4 lg:col-span-3 lg:grid-cols-2">
          <Card title="Recent rotations">
            <RotationHistory rotations={page.rotations} />
          </Card>
          <Card title="Recent backups and restore tests">
            <BackupHistory events={page.events} />
          </Card>
        </div>
      </div>
    </>
  );
}

function Summary({ page }: { page: TSecretsPage }) {
  const { counts } = page;
  const lateSecrets = page.secrets.filter((s) => s.state === "overdue");
  const soonSecrets = page.secrets.filter((s) => s.state === "due-soon");
  const lateBackups = page.backups.filter((b) => b.state !== "ok");
  const lateRestores = page.backups.filter((b) => b.restoreState !== "ok");
  const lines: { tone: "crit" | "warn"; text: string; href: string }[] = [
    ...(lateSecrets.length ? [{ tone: "crit" as const, text: `${lateSecrets.length} secret${lateSecrets.length > 1 ? "s" : ""} overdue: ${lateSecrets.map((s) => s.name).join(", ")}`, href: "#secrets" }] : []),
    ...(lateBackups.length ? [{ tone: "crit" as const, text: `${lateBackups.length} backup${lateBackups.length > 1 ? "s" : ""} overdue: ${lateBackups.map((b) => b.name).join(", ")}`, href: "#backups" }] : []),
    ...(lateRestores.length ? [{ tone: "crit" as const, text: `${lateRestores.length} restore test${lateRestores.length > 1 ? "s" : ""} overdue or failed: ${lateRestores.map((b) => b.name).join(", ")}`, href: "#backups" }] : []),
    ...(soonSecrets.length ? [{ tone: "warn" as const, text: `${soonSecrets.length} due within 7 days: ${soonSecrets.map((s) => s.name).join(", ")}`, href: "#secrets" }] : []),
  ];
  return (
    <Card title="Summary" className="lg:col-span-3" action={counts.overdue ? <Badge tone="crit">{counts.overdue} overdue</Badge> : <Badge tone="ok">Nothing overdue</Badge>}>
      <p className={`text-2xl font-semibold tabular-nums ${counts.overdue ? "text-crit" : "text-ok"}`} data-testid="secrets-overdue">
        {counts.overdue} overdue
      </p>
      {lines.length === 0 ? (
        <p className="mt-1 text-sm text-muted">Every secret with a period is within it, every backup is recent and every restore test passed this month.</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-1 text-sm">
          {lines.map((l) => (
            <li key={l.text} className={`break-words ${l.tone === "crit" ? "text-crit" : "text-warn"}`}>
              <a href={l.href} className="underline-offset-2 hover:underline">
                {l.text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
