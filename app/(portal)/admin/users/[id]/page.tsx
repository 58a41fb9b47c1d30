import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/format/time";
import { CheckboxGroup } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { ROLE_OPTIONS } from "@/components/users/role-options";
import { SessionList } from "@/components/users/session-list";
import { requireRoute } from "@/lib/auth/session";
import { getUserDetail } from "@/lib/users/queries";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireRoute("/admin/users");
  const { id } = await params;
  const user = await getUserDetail(actor, id);
  if (!user) notFound();
  const isSelf = actor.id === user.id;
  const here = `/admin/users/${user.id}`;
  return (
    <>
      <Link href="/admin/users" className="mb-4 inline-flex min-h-11 items-center gap-2 text-sm text-muted hover:text-fg">
        <ArrowLeft size={16} aria-hidden /> Users
      </Link>
      <div className="mb-6">
        <h1 className="text-xl font-semibold sm:text-2xl">{user.name}</h1>
        <p className="text-sm text-muted [overflow-wrap:anywhere]">
          {user.email} · {user.authSource === "local" ? "local account" : `single sign-on (${user.authSource})`} · {user.hasMfa ? "second factor on" : "no second factor"} · created <Time value={user.createdAt} />
        </p>
        <div className="mt-2 flex flex-wrap gap-2">
          {user.isDisabled ? <Badge tone="crit">Disabled</Badge> : <Badge tone="ok">Active</Badge>}
          {user.isLocked && <Badge tone="warn">Locked after failed sign-ins</Badge>}
        </div>
      </div>
      {user.pendingRequests.length > 0 && (
        <Card className="mb-4" title="Waiting for approval">
          <ul className="text-sm">
            {user.pendingRequests.map((r) => (
              <li key={r.id}>
                <Link className="text-accent underline" href={`/approvals/${r.id}`}>{r.title}</Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Roles">
          {isSelf ? (
            <p className="text-sm text-muted">You cannot change your own roles; another admin can.</p>
          ) : (
            <OperationForm operationId="user.roles.set" submitLabel="Save roles" needsReason reasonLabel="Why (shown to the approving admin when one is needed)" revalidate={[here, "/admin/users"]} successText="Roles saved.">
              <input type="hidden" name="userId" value={user.id} />
              {/* Keeps the field present when every box is unchecked (no roles). */}
              <input type="hidden" name="roles[]" value="" />
              <CheckboxGroup legend="Roles" name="roles[]" options={ROLE_OPTIONS} defaultValue={user.roles} />
            </OperationForm>
          )}
        </Card>
        <Card title="Access">
          <div className="flex flex-col gap-4">
            {user.isLocked && (
              <OperationForm operationId="user.unlock" submitLabel="Unlock now" variant="secondary" revalidate={[here]} successText="Unlocked.">
                <input type="hidden" name="userId" value={user.id} />
              </OperationForm>
            )}
            {isSelf ? (
              <p className="text-sm text-muted">You cannot disable your own account.</p>
            ) : user.isDisabled ? (
              <OperationForm operationId="user.enable" submitLabel="Enable user" variant="secondary" revalidate={[here, "/admin/users"]} successText="Enabled.">
                <input type="hidden" name="userId" value={user.id} />
              </OperationForm>
            ) : (
              <OperationForm operationId="user.disable" submitLabel="Disable user" variant="danger" revalidate={[here, "/admin/users"]} successText="Disabled; every session ended.">
                <p className="text-sm text-muted">Ends every session at once and refuses new sign-ins.</p>
                <input type="hidden" name="userId" value={user.id} />
              </OperationForm>
            )}
          </div>
        </Card>
        <Card title={`Open sessions (${user.sessions.length})`} className="lg:col-span-2">
          <SessionList sessions={user.sessions} revalidate={here} revokeLabel="Revoke" />
        </Card>
      </div>
    </>
  );
}
