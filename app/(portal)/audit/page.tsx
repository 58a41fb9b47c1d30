import type { Metadata } from "next";
import Link from "next/link";
import { Download, ScrollText } from "lucide-react";
import { Badge, type TTone } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/format/time";
import { VerifyIntegrity } from "@/components/audit/verify-button";
import { requireRoute } from "@/lib/auth/session";
import { ZAuditFilters, searchAudit, type TAuditFilters, type TAuditRow } from "@/lib/audit/queries";

export const metadata: Metadata = { title: "Audit log" };

const OUTCOME_TONE: Record<string, TTone> = { success: "ok", denied: "crit", invalid: "warn", failed: "crit", pending: "info", rejected: "crit", expired: "neutral" };
const inputClass = "mt-1 block min-h-11 w-full rounded-md border border-border bg-bg px-3 text-base";

function Target({ row }: { row: TAuditRow }) {
  if (!row.targetType) return <span className="text-muted">—</span>;
  return (
    <span className="break-all">
      {row.targetType}:{row.targetId}
    </span>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireRoute("/audit");
  const raw = await searchParams;
  const parsed = ZAuditFilters.safeParse(raw);
  const filters: TAuditFilters = parsed.success ? parsed.data : ZAuditFilters.parse({});
  const { rows, nextBefore } = await searchAudit(user, filters);
  const filterParams = Object.fromEntries(Object.entries(raw).filter(([k, v]) => v && k !== "before")) as Record<string, string>;
  const qs = (extra: Record<string, string>) => new URLSearchParams({ ...filterParams, ...extra }).toString();
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, denial, request, vote, execution and admin change. Append-only and hash-chained."
        actions={
          <>
            <a href={`/api/audit/export?${qs({ format: "csv" })}`} className={buttonClass("secondary")} download>
              <Download size={16} aria-hidden /> CSV
            </a>
            <a href={`/api/audit/export?${qs({ format: "jsonl" })}`} className={buttonClass("secondary")} download>
              <Download size={16} aria-hidden /> JSON lines
            </a>
          </>
        }
      />
      <Card className="mb-4">
        <VerifyIntegrity />
      </Card>
      <details className="mb-4 rounded-lg border border-border bg-surface p-4" open={Object.keys(filterParams).length > 0 || undefined}>
        <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium">
          Filters{Object.keys(filterParams).length > 0 && <span className="ml-2 text-muted">({Object.keys(filterParams).join(", ")})</span>}
        </summary>
        <form method="get" className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-6" aria-label="Filters">
          <label className="text-sm font-medium lg:col-span-2">
            Actor email
            <input name="actor" defaultValue={raw.actor} className={inputClass} placeholder="operator@…" />
          </label>
          <label className="text-sm font-medium">
            Action starts with
            <input name="action" defaultValue={raw.action} className={inputClass} placeholder="user.roles" />
          </label>
          <label className="text-sm font-medium">
            Target id
            <input name="target" defaultValue={raw.target} className={inputClass} />
          </label>
          <label className="text-sm font-medium">
            Outcome
            <select name="outcome" defaultValue={raw.outcome ?? ""} className={inputClass}>
              <option value="">Any</option>
              {Object.keys(OUTCOME_TONE).map((o) => (
                <option key={o} value={o}>{o}</option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            From (UTC)
            <input type="datetime-local" name="from" defaultValue={raw.from} className={inputClass} />
          </label>
          <label className="text-sm font-medium">
            To (UTC)
            <input type="datetime-local" name="to" defaultValue={raw.to} className={inputClass} />
          </label>
          <div className="flex items-end gap-2 lg:col-span-5">
            <button type="submit" className={buttonClass("primary")}>Search</button>
            <Link href="/audit" className={buttonClass("ghost")}>Clear</Link>
          </div>
          {!parsed.success && <p role="alert" className="text-sm text-crit sm:col-span-2 lg:col-span-6">Some filters are not valid and were ignored.</p>}
        </form>
      </details>
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={<ScrollText size={24} />} title="No events match these filters" />
        ) : (
          <>
            <ul className="divide-y divide-border md:hidden" aria-label="Audit events">
              {rows.map((r) => (
                <li key={r.id} className="flex flex-col gap-1 py-3 text-sm">
                  <span className="flex items-center justify-between gap-2">
                    <span className="break-all font-mono text-xs">{r.action}</span>
                    <Badge tone={OUTCOME_TONE[r.outcome] ?? "neutral"}>{r.outcome}</Badge>
                  </span>
                  <span className="text-xs text-muted">
                    {r.actorEmail ?? "OpsDeck"} · <Time value={r.at} /> · #{r.id}
                  </span>
                  <span className="text-xs"><Target row={r} /></span>
                </li>
              ))}
            </ul>
            <div className="hidden overflow-x-auto md:block">
              <table className="w-full text-left text-sm" aria-label="Audit events">
                <thead className="text-xs uppercase text-muted">
                  <tr className="border-b border-border">
                    <th className="py-2 pr-3 font-medium">#</th>
                    <th className="py-2 pr-3 font-medium">Time</th>
                    <th className="py-2 pr-3 font-medium">Actor</th>
                    <th className="py-2 pr-3 font-medium">Action</th>
                    <th className="py-2 pr-3 font-medium">Target</th>
                    <th className="py-2 pr-3 font-medium">Outcome</th>
                    <th className="py-2 font-medium">Address</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-border">
                  {rows.map((r) => (
                    <tr key={r.id} className="align-top">
                      <td className="py-2 pr-3 font-mono text-xs text-muted">{r.id}</td>
                      <td className="whitespace-nowrap py-2 pr-3"><Time value={r.at} /></td>
                      <td className="py-2 pr-3">
                        {r.actorEmail ?? "OpsDeck"}
                        {r.actorRoles.length > 0 && <span className="block text-xs text-muted">{r.actorRoles.join(", ")}</span>}
                      </td>
                      <td className="py-2 pr-3 font-mono text-xs">{r.action}</td>
                      <td className="py-2 pr-3 text-xs"><Target row={r} /></td>
                      <td className="py-2 pr-3"><Badge tone={OUTCOME_TONE[r.outcome] ?? "neutral"}>{r.outcome}</Badge></td>
                      <td className="py-2 font-mono text-xs text-muted">{r.ip ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {(filters.before || nextBefore) && (
          <nav aria-label="Pages" className="mt-4 flex justify-between gap-2 border-t border-border pt-4">
            <Link href={`/audit?${qs({})}`} className={buttonClass("ghost")}>Newest</Link>
            {nextBefore && <Link href={`/audit?${qs({ before: nextBefore })}`} className={buttonClass("secondary")}>Older</Link>}
          </nav>
        )}
      </Card>
    </>
  );
}
