import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { CheckboxGroup, Field } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { ROLE_OPTIONS } from "@/components/users/role-options";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/format/time";
import { requireRoute } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { ZUserListQuery, listUsers, type TUserRow } from "@/lib/users/queries";

export const metadata: Metadata = { title: "Users" };

function Status({ user }: { user: TUserRow }) {
  if (user.isDisabled) return <Badge tone="crit">Disabled</Badge>;
  if (user.isLocked) return <Badge tone="warn">Locked</Badge>;
  return <Badge tone="ok">Active</Badge>;
}

function Roles({ user }: { user: TUserRow }) {
  if (user.roles.length === 0) return <span className="text-muted">none</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {user.roles.map((r) => (
        <Badge key={r}>{ROLE_LABELS[r]}</Badge>
      ))}
    </span>
  );
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRoute("/admin/users");
  const query = ZUserListQuery.parse(await searchParams);
  const { rows: users, nextAfter } = await listUsers(actor, query);
  return (
    <>
      <PageHeader title="Users" description="Roles decide what each person can open and do." />
      <details className="mb-4 rounded-lg border border-border bg-surface p-4">
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-accent">New user</summary>
        <OperationForm operationId="user.create" submitLabel="Create user" needsReason reasonLabel="Why (shown to the approving admin when one is needed)" revalidate={["/admin/users"]} successText="User created." className="mt-3 flex flex-col gap-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Name" name="name" required autoComplete="off" />
            <Field label="Email" name="email" type="email" required autoComplete="off" />
          </div>
          <Field label="Initial password (optional)" name="password" type="password" autoComplete="new-password" hint="At least 12 characters. Leave empty for single-sign-on accounts." />
          <input type="hidden" name="roles[]" value="" />
          <CheckboxGroup legend="Roles" name="roles[]" options={ROLE_OPTIONS} />
        </OperationForm>
      </details>
      <form method="get" className="mb-4 flex gap-2" role="search">
        <label className="sr-only" htmlFor="user-search">Search users</label>
        <input
          id="user-search"
          name="q"
          defaultValue={query.q}
          placeholder="Search by name or email"
          className="min-h-11 w-full max-w-md rounded-md border border-border bg-surface px-3 text-base"
        />
        <button type="submit" className={buttonClass("secondary")}>Search</button>
      </form>
      <Card>
        {users.length === 0 && <EmptyState title="No users match">Try another name or email, or clear the search.</EmptyState>}
        {/* Phones: one card per user. Desktop: a table. */}
        <ul className="divide-y divide-border md:hidden" aria-label="Users">
          {users.map((u) => (
            <li key={u.id} className="flex flex-col gap-2 py-3">
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <Link href={`/admin/users/${u.id}`} className="block truncate font-medium text-accent">{u.name}</Link>
                  <p className="truncate text-sm text-muted">{u.email}</p>
                </div>
                <Status user={u} />
              </div>
              <Roles user={u} />
              <p className="text-xs text-muted">
                Last sign-in <Time value={u.lastLoginAt} /> · {u.activeSessions} open sessions
              </p>
            </li>
          ))}
        </ul>
        <div className="hidden overflow-x-auto md:block">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-muted">
              <tr className="border-b border-border">
                <th className="py-2 pr-4 font-medium">Name</th>
                <th className="py-2 pr-4 font-medium">Email</th>
                <th className="py-2 pr-4 font-medium">Roles</th>
                <th className="py-2 pr-4 font-medium">Status</th>
                <th className="py-2 pr-4 font-medium">Last sign-in</th>
                <th className="py-2 font-medium">Sessions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {users.map((u) => (
                <tr key={u.id}>
                  <td className="py-2 pr-4 font-medium">
                    <Link href={`/admin/users/${u.id}`} className="text-accent hover:underline">{u.name}</Link>
                  </td>
                  <td className="py-2 pr-4 text-muted">{u.email}</td>
                  <td className="py-2 pr-4"><Roles user={u} /></td>
                  <td className="py-2 pr-4"><Status user={u} /></td>
                  <td className="py-2 pr-4"><Time value={u.lastLoginAt} /></td>
                  <td className="py-2 font-mono">{u.activeSessions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {(query.after || nextAfter) && (
          <nav aria-label="Pages" className="mt-4 flex justify-between gap-2 border-t border-border pt-4">
            <Link href={`/admin/users${query.q ? `?q=${encodeURIComponent(query.q)}` : ""}`} className={buttonClass("ghost")}>
              First page
            </Link>
            {nextAfter && (
              <Link href={`/admin/users?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), after: nextAfter })}`} className={buttonClass("secondary")}>
                Next page
              </Link>
            )}
          </nav>
        )}
      </Card>
    </>
  );
}
