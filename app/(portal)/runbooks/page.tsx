import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireRoute } from "@/lib/auth/session";
import { listRunbooks } from "@/lib/runbooks/queries";

export const metadata: Metadata = { title: "Runbooks" };
export const dynamic = "force-dynamic";

export default async function RunbooksPage() {
  await requireRoute("/runbooks");
  const items = await listRunbooks();
  // "XRPL platform operations guide, runbook 2" and "… guide §6" group under their guide.
  const guideOf = (source: string) => source.split(/\s*[§,:]/)[0]!.trim();
  const sources = [...new Set(items.map((i) => guideOf(i.runbook.source)))];
  return (
    <>
      <PageHeader title="Runbooks" description="Guided, recorded procedures. Definitions live in the repository and load here with a version; a run keeps the version it started with." />
      <div className="flex flex-col gap-4">
        {sources.map((source) => (
          <Card key={source} title={source}>
            <ul className="divide-y divide-border">
              {items
                .filter((i) => guideOf(i.runbook.source) === source)
                .map(({ runbook, version, runs, running }) => (
                  <li key={runbook.id} className="py-3" data-testid="runbook-item">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={`/runbooks/${encodeURIComponent(runbook.id)}`} className="font-medium text-accent">
                        {runbook.id} — {runbook.title}
                      </Link>
                      {runbook.severity && <Badge tone={runbook.severity === "P0" || runbook.severity === "P1" ? "crit" : "warn"}>{runbook.severity}</Badge>}
                      {running > 0 && <Badge tone="info">{running} running</Badge>}
                    </div>
                    <p className="mt-1 text-sm text-muted">{runbook.trigger}</p>
                    <p className="mt-1 text-xs text-muted">
                      {runbook.steps.length} steps · {version ? `v${version}` : "not loaded yet"} · {runs} run{runs === 1 ? "" : "s"}
                      {runbook.alerts.length ? ` · alerts: ${runbook.alerts.join(", ")}` : ""}
                    </p>
                  </li>
                ))}
            </ul>
          </Card>
        ))}
      </div>
    </>
  );
}
