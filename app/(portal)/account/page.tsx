import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { OperationForm } from "@/components/operations/operation-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/format/time";
import { requireRoute } from "@/lib/auth/session";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/roles";
import { listMySessions } from "@/lib/users/queries";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  const user = await requireRoute("/account");
  const sessions = await listMySessions(user);
  return (
    <>
      <PageHeader title="My account" description={user.email} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="My roles">
          {user.roles.length === 0 ? (
            <p className="text-sm text-muted">You hold no roles yet. Ask an admin to grant the ones you need.</p>
          ) : (
            <ul className="flex flex-col gap-3">
              {user.roles.map((r) => (
                <li key={r} className="flex flex-col gap-1">
                  <Badge tone="info" className="self-start">{ROLE_LABELS[r]}</Badge>
                  <span className="text-sm text-muted">{ROLE_DESCRIPTIONS[r]}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Two-step sign-in">
          <p className="mb-3 text-sm text-muted">A code from an authenticator app at every sign-in and for critical approvals.</p>
          <Link href="/account/security" className={buttonClass("secondary")}>
            Manage two-step sign-in
          </Link>
        </Card>
        <Card title="Open sessions" className="lg:col-span-2">
          <ul className="divide-y divide-border">
            {sessions.map((s) => (
              <li key={s.id} className="flex flex-col gap-1 py-2 text-sm">
                <span className="flex items-center gap-2">
                  <span className="truncate">{s.userAgent ?? "Unknown client"}</span>
                  {s.isCurrent && <Badge tone="ok">This device</Badge>}
                </span>
                <span className="text-xs text-muted">
                  {s.ip ?? "address unknown"} · signed in <Time value={s.createdAt} /> · last seen <Time value={s.lastSeenAt} />
                </span>
                {!s.isCurrent && (
                  <OperationForm operationId="session.revoke" submitLabel="Sign this one out" variant="secondary" revalidate={["/account"]} successText="Signed out.">
                    <input type="hidden" name="sessionId" value={s.id} />
                  </OperationForm>
                )}
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
