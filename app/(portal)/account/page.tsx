import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SessionList } from "@/components/users/session-list";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
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
          <SessionList sessions={sessions} revalidate="/account" revokeLabel="Sign this one out" />
        </Card>
      </div>
    </>
  );
}
