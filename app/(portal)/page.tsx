import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AlertOctagon, BellRing, CheckSquare, Droplets, Gavel, Wallet } from "lucide-react";
import { Badge, type TTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requireRoute } from "@/lib/auth/session";
import { runHealthChecks } from "@/lib/health/checks";
import { STATUS_LABEL, type TCheckStatus } from "@/lib/health/status";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type TRole } from "@/lib/auth/roles";
import { navFor } from "@/lib/nav";

export const metadata: Metadata = { title: "Overview" };

const TONE: Record<TCheckStatus, TTone> = { ok: "ok", degraded: "warn", error: "crit", not_configured: "neutral" };
const CHECK_TITLE: Record<string, string> = { database: "Database", jobs: "Background jobs", evm: "EVM chain", xrpl: "XRP Ledger" };

async function HealthCard() {
  const health = await runHealthChecks();
  return (
    <Card title="Platform health" action={<Badge tone={TONE[health.status]}>{STATUS_LABEL[health.status]}</Badge>}>
      <ul className="divide-y divide-border">
        {health.checks.map((c) => (
          <li key={c.name} className="flex items-center justify-between gap-3 py-2 text-sm">
            <span className="min-w-0">
              {c.name === "evm" || c.name === "xrpl" ? (
                <Link href="/chains" className="text-accent underline-offset-2 hover:underline">
                  {CHECK_TITLE[c.name]}
                </Link>
              ) : (
                (CHECK_TITLE[c.name] ?? c.name)
              )}
              {c.status !== "ok" && c.detail && <span className="block break-words text-xs text-muted">{c.detail}</span>}
            </span>
            <span className="flex items-center gap-2 text-right">
              {c.latency_ms !== undefined && <span className="font-mono text-xs text-muted">{c.latency_ms} ms</span>}
              <Badge tone={TONE[c.status]}>{STATUS_LABEL[c.status]}</Badge>
            </span>
          </li>
        ))}
      </ul>
      {health.checks.some((c) => c.status === "not_configured") && (
        <p className="mt-3 text-xs text-muted">Chains show “Not connected” until their endpoints are configured; nothing is read from them yet.</p>
      )}
    </Card>
  );
}

// Areas that fill the overview as their modules are installed. Until then they are listed
// plainly in one card rather than shown as numbers we do not have.
const UPCOMING = [
  { title: "Open incidents", icon: AlertOctagon, text: "with their SLA clocks" },
  { title: "Waiting for my approval", icon: CheckSquare, text: "requests you can approve" },
  { title: "Alerts firing", icon: BellRing, text: "from the alert rules and Alertmanager" },
  { title: "Wallet balances", icon: Wallet, text: "against their thresholds" },
  { title: "Faucet", icon: Droplets, text: "state, balance and review queue" },
  { title: "Dispute queue", icon: Gavel, text: "depth and oldest age" },
];

function UpcomingCard() {
  return (
    <Card title="Not available yet">
      <p className="mb-3 text-sm text-muted">These parts of the overview appear once their modules are installed:</p>
      <ul className="flex flex-col gap-2">
        {UPCOMING.map(({ title, icon: Icon, text }) => (
          <li key={title} className="flex items-start gap-3 text-sm">
            <Icon size={18} className="mt-0.5 shrink-0 text-muted" aria-hidden />
            <span>
              <span className="font-medium">{title}</span> <span className="text-muted">— {text}</span>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function AccessCard({ roles }: { roles: TRole[] }) {
  const pages = navFor(roles).filter((item) => item.href !== "/");
  return (
    <Card title="My access">
      <div className="mb-3 flex flex-wrap gap-1">
        {roles.map((r) => (
          <Badge key={r} tone="info">{ROLE_LABELS[r]}</Badge>
        ))}
      </div>
      <ul className="flex flex-col gap-1 text-sm text-muted">
        {roles.map((r) => (
          <li key={r}>{ROLE_DESCRIPTIONS[r]}.</li>
        ))}
      </ul>
      {pages.length > 0 && (
        <div className="mt-3 flex flex-wrap gap-2">
          {pages.map((p) => (
            <Link key={p.href} href={p.href} className={buttonClass("secondary", "min-h-9 px-3")}>
              {p.label}
            </Link>
          ))}
        </div>
      )}
    </Card>
  );
}

export default async function OverviewPage() {
  const user = await requireRoute("/");
  return (
    <>
      <PageHeader title="Overview" description={`Signed in as ${user.name}. The state of the platform at a glance.`} />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <Suspense fallback={<Skeleton className="h-48" />}>
          <HealthCard />
        </Suspense>
        <AccessCard roles={user.roles} />
        <UpcomingCard />
      </div>
    </>
  );
}
