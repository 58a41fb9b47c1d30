import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Badge, type TTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requireRoute } from "@/lib/auth/session";
import { runHealthChecks } from "@/lib/health/checks";
import { STATUS_LABEL, type TCheckStatus } from "@/lib/health/status";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type TRole } from "@/lib/auth/roles";
import { canOpen } from "@/lib/auth/roles";
import { navFor } from "@/lib/nav";
import { listAlerts } from "@/lib/alerts/queries";
import { listServices } from "@/lib/services/queries";
import { bySeverity } from "@/lib/services/graph";
import { HEALTH_LABEL, HEALTH_TONE } from "@/components/services/health";
import { Time } from "@/components/format/time";
import { listIncidents } from "@/lib/incidents/queries";
import { incidentRef } from "@/lib/incidents/model";
import { SeverityBadge } from "@/components/incidents/incident-badges";
import { SlaClocks } from "@/components/incidents/sla-clocks";
import { db } from "@/lib/db/client";
import { DASHBOARD_TTL_MS, sharedRead } from "@/lib/cache/shared-read";
import { readQueueSummary } from "@/lib/disputes/queue";
import { readThresholdValues } from "@/lib/alerts/readings";
import { ageLabel, ageTone } from "@/components/disputes/format";
import { readFaucetPage } from "@/lib/faucet/queries";
import { listInbox } from "@/lib/approvals/queries";
import type { TCurrentUser } from "@/lib/auth/session";
import { RiskBadge } from "@/components/approvals/request-badges";
import { listAccounts } from "@/lib/treasury/queries";
import { configuredCursorLags } from "@/lib/chains/sync-lag";
import { BalanceBadge, formatUnitsText } from "@/components/treasury/balance";

export const metadata: Metadata = { title: "Overview" };

const TONE: Record<TCheckStatus, TTone> = { ok: "ok", degraded: "warn", error: "crit", not_configured: "neutral" };
const CHECK_TITLE: Record<string, string> = { database: "Database", jobs: "Background jobs", evm: "EVM chain", xrpl: "XRP Ledger" };

async function HealthCard() {
  const health = await sharedRead("overview:health", DASHBOARD_TTL_MS, runHealthChecks);
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

/** The treasury: accounts below their lines first, then the biggest balances. */
async function TreasuryCard() {
  const accounts = await sharedRead("overview:treasury", DASHBOARD_TTL_MS, async () => listAccounts(db, await readThresholdValues()));
  const rank = { crit: 0, warn: 1, stale: 2, unread: 3, ok: 4 } as const;
  const shown = [...accounts].sort((a, b) => rank[a.state] - rank[b.state]).slice(0, 5);
  const below = accounts.filter((a) => a.state === "crit" || a.state === "warn").length;
  return (
    <Card title={<Link href="/treasury">Wallet balances</Link>} action={<Badge tone={below ? "crit" : "ok"}>{below ? `${below} below line` : "All above lines"}</Badge>}>
      {shown.length === 0 ? (
        <p className="text-sm text-muted">No account is followed yet.</p>
      ) : (
        <ul className="divide-y divide-border text-sm" data-testid="overview-treasury">
          {shown.map((a) => (
            <li key={a.id} className="flex items-center justify-between gap-3 py-2">
              <Link href={`/treasury/accounts/${a.id}`} className="min-w-0 truncate hover:underline">
                {a.label}
              </Link>
              <span className="flex shrink-0 items-center gap-2 tabular-nums">
                {formatUnitsText(a.spendable, a.symbol)}
                {a.state !== "ok" && <BalanceBadge account={a} />}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Services that are not OK, worst first (the map's phone order). */
async function ServicesCard() {
  const services = await sharedRead("overview:services", DASHBOARD_TTL_MS, listServices);
  const notOk = bySeverity(services.filter((s) => s.status === "error" || s.status === "degraded"));
  return (
    <Card
      title={<Link href="/services">Services</Link>}
      action={<Badge tone={notOk.some((s) => s.status === "error") ? "crit" : notOk.length ? "warn" : "ok"}>{notOk.length ? `${notOk.length} not OK` : "All OK"}</Badge>}
    >
      {notOk.length === 0 ? (
        <p className="text-sm text-muted">Every checked service answers. {services.filter((s) => !s.isProbed).length} listed without a check.</p>
      ) : (
        <ul className="divide-y divide-border" data-testid="overview-services">
          {notOk.slice(0, 6).map((s) => (
            <li key={s.id}>
              <Link href={`/services/${s.id}`} className="flex min-h-11 items-center justify-between gap-3 py-2 text-sm">
                <span className="min-w-0">
                  <span className="font-medium">{s.name}</span>
                  {s.lastError && <span className="block break-words text-xs text-muted">{s.lastError}</span>}
                </span>
                <Badge tone={HEALTH_TONE[s.status]}>{HEALTH_LABEL[s.status]}</Badge>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Firing alerts, loudest first; silenced ones are counted but not listed. */
async function AlertsCard({ roles }: { roles: TRole[] }) {
  const { firing } = await sharedRead(`overview:alerts:${roles.join(",")}`, DASHBOARD_TTL_MS, () => listAlerts({ roles }, { status: "firing", range: "24h" }));
  const loud = firing.filter((a) => !a.silence);
  const order = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
  loud.sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3) || a.startsAt.getTime() - b.startsAt.getTime());
  return (
    <Card title={<Link href="/alerts">Alerts firing</Link>} action={<Badge tone={loud.some((a) => a.severity === "critical") ? "crit" : loud.length ? "warn" : "ok"}>{loud.length}</Badge>}>
      {loud.length === 0 ? (
        <p className="text-sm text-muted">Nothing firing{firing.length ? ` (${firing.length} silenced)` : ""}.</p>
      ) : (
        <ul className="divide-y divide-border" data-testid="overview-alerts">
          {loud.slice(0, 6).map((a) => (
            <li key={a.id} className="py-2 text-sm">
              <Link href="/alerts" className="flex min-h-11 flex-col justify-center">
                <span className="font-medium">
                  {a.name} <span className={a.severity === "critical" ? "text-crit" : "text-warn"}>· {a.severity}</span>
                </span>
                <span className="text-xs text-muted">
                  {a.summary} · since <Time value={a.startsAt} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Open incidents, worst first, with their response clocks. */
async function IncidentsCard() {
  const open = await sharedRead("overview:incidents", DASHBOARD_TTL_MS, () => listIncidents({ open: true, take: 5 }));
  return (
    <Card title={<Link href="/incidents">Open incidents</Link>} action={<Badge tone={open.some((i) => i.severity === "P0" || i.severity === "P1") ? "crit" : open.length ? "warn" : "ok"}>{open.length}</Badge>}>
      {open.length === 0 ? (
        <p className="text-sm text-muted">No open incident.</p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="overview-incidents">
          {open.map((i) => (
            <li key={i.id} className="text-sm">
              <Link href={`/incidents/${i.id}`} className="flex min-h-11 items-center gap-2">
                <SeverityBadge severity={i.severity} />
                <span className="min-w-0 font-medium">
                  {incidentRef(i.number)} {i.title}
                </span>
              </Link>
              <SlaClocks clocks={i.clocks} compact />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Requests this person can decide now, oldest first (the approvals inbox's first tab). */
async function WaitingCard({ user }: { user: TCurrentUser }) {
  const waiting = await sharedRead(`overview:inbox:${user.id}:${user.roles.join(",")}`, DASHBOARD_TTL_MS, () => listInbox(user, "waiting"));
  return (
    <Card title={<Link href="/approvals">Waiting for my approval</Link>} action={<Badge tone={waiting.length ? "warn" : "ok"}>{waiting.length}</Badge>}>
      {waiting.length === 0 ? (
        <p className="text-sm text-muted">Nothing is waiting for your decision.</p>
      ) : (
        <ul className="divide-y divide-border" data-testid="overview-waiting">
          {waiting.slice(0, 5).map((r) => (
            <li key={r.id}>
              <Link href={`/approvals/${r.id}`} className="flex min-h-11 items-center gap-2 py-2 text-sm">
                <RiskBadge risk={r.risk} />
                <span className="min-w-0 flex-1 font-medium">{r.title}</span>
                <span className="text-xs text-muted">{r.requestedBy}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** This morning's daily check: its verdict and what did not pass. */
async function DailyCheckCard() {
  const latest = await sharedRead("overview:daily", DASHBOARD_TTL_MS, () => db.dailyCheckRun.findFirst({ where: { status: { not: null } }, orderBy: { startedAt: "desc" }, select: { startedAt: true, status: true, checks: true } }));
  const notPassing = Array.isArray(latest?.checks) ? (latest.checks as { label: string; status: string; value: string }[]).filter((c) => c.status !== "pass") : [];
  const tone: TTone = latest?.status === "fail" ? "crit" : latest?.status === "warn" ? "warn" : "ok";
  return (
    <Card title={<Link href="/daily">Daily check</Link>} action={latest ? <Badge tone={tone}>{latest.status === "pass" ? "All pass" : `${notPassing.length} not passing`}</Badge> : undefined}>
      {!latest ? (
        <p className="text-sm text-muted">Not run yet today.</p>
      ) : (
        <>
          <p className="mb-2 text-xs text-muted">
            Last run <Time value={latest.startedAt} />
          </p>
          <ul className="flex flex-col gap-1 text-sm" data-testid="overview-daily">
            {notPassing.slice(0, 4).map((c) => (
              <li key={c.label} className="flex justify-between gap-3">
                <span>{c.label}</span>
                <span className={c.status === "fail" ? "text-crit" : "text-warn"}>{c.status}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

/** Each chain's event sync: how far behind the head, and how long since it moved (RB-03). */
async function ChainSyncCard() {
  const [cursors, t] = await sharedRead("overview:sync", DASHBOARD_TTL_MS, () => Promise.all([db.chainCursor.findMany({ orderBy: { chain: "asc" } }), readThresholdValues()]));
  const rows = configuredCursorLags(cursors, new Date(), t.syncCursorStaleMinutes).map((c) => {
    const tone: TTone = c.isStuck ? "crit" : c.lagBlocks === null || c.lagBlocks > t.syncLagBlocks ? "warn" : "ok";
    return { chain: c.chain, lag: c.lagBlocks, stillMinutes: c.minutesStill, tone };
  });
  const worst: TTone = rows.some((r) => r.tone === "crit") ? "crit" : rows.some((r) => r.tone === "warn") ? "warn" : "ok";
  return (
    <Card title={<Link href="/chains">Chain sync</Link>} action={rows.length ? <Badge tone={worst}>{worst === "ok" ? "In sync" : worst === "warn" ? "Behind" : "Stuck"}</Badge> : undefined}>
      {rows.length === 0 ? (
        <p className="text-sm text-muted">No chain is synced yet.</p>
      ) : (
        <ul className="divide-y divide-border text-sm" data-testid="overview-sync">
          {rows.map((r) => (
            <li key={r.chain} className="flex items-center justify-between gap-3 py-2">
              <span className="min-w-0 truncate font-mono text-xs">{r.chain}</span>
              <span className="flex shrink-0 items-center gap-2 tabular-nums">
                {r.lag === null ? "head unknown" : `${r.lag} block${r.lag === 1 ? "" : "s"} behind`}
                <Badge tone={r.tone}>moved {r.stillMinutes < 1 ? "just now" : `${r.stillMinutes} min ago`}</Badge>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The dispute queue: how many are open, how many past the SLA, how old the oldest is. */
async function DisputesCard({ roles }: { roles: TRole[] }) {
  const { disputeSlaHours } = await readThresholdValues();
  const now = new Date();
  const q = await sharedRead(`overview:disputes:${roles.join(",")}`, DASHBOARD_TTL_MS, () => readQueueSummary(db, { roles }, disputeSlaHours, now));
  const oldestMs = q.oldestAt ? now.getTime() - q.oldestAt.getTime() : 0;
  return (
    <Card title={<Link href="/disputes">Dispute queue</Link>} action={<Badge tone={q.overdue ? "crit" : q.open ? "warn" : "ok"}>{q.open} open</Badge>}>
      {q.open === 0 ? (
        <p className="text-sm text-muted">No open dispute.</p>
      ) : (
        <dl className="grid grid-cols-2 gap-2 text-sm" data-testid="overview-disputes">
          <dt className="text-muted">Oldest waiting</dt>
          <dd>
            <Badge tone={ageTone(oldestMs, disputeSlaHours)}>{ageLabel(oldestMs)}</Badge>
          </dd>
          <dt className="text-muted">Past the {disputeSlaHours} h SLA</dt>
          <dd className={q.overdue ? "font-semibold text-crit" : ""}>{q.overdue}</dd>
          <dt className="text-muted">Nobody on it</dt>
          <dd>
            <Link href="/disputes?assignee=none" className="text-accent">{q.unassigned}</Link>
          </dd>
        </dl>
      )}
    </Card>
  );
}

/** The faucet: running or paused, what it can still pay, what waits. */
async function FaucetCard({ roles }: { roles: TRole[] }) {
  const [page, t] = await sharedRead(`overview:faucet:${roles.join(",")}`, DASHBOARD_TTL_MS, () => Promise.all([readFaucetPage(db, { roles }), readThresholdValues()]));
  const xrp = page.balances.xrpl.spendable;
  const tone = page.settings.pause || (xrp !== null && xrp < t.faucetBalanceCrit) ? "crit" : (xrp !== null && xrp < t.faucetBalanceWarn) || page.counts.review ? "warn" : "ok";
  return (
    <Card title={<Link href="/faucet">Faucet</Link>} action={<Badge tone={tone}>{page.settings.pause ? "Paused" : "Running"}</Badge>}>
      <dl className="grid grid-cols-2 gap-2 text-sm" data-testid="overview-faucet">
        <dt className="text-muted">XRPL balance</dt>
        <dd className="tabular-nums">{xrp === null ? "unknown" : `${xrp.toLocaleString("en-US")} XRP`}</dd>
        <dt className="text-muted">Waiting to send</dt>
        <dd className="tabular-nums">{page.counts.queued + page.counts.sending}</dd>
        <dt className="text-muted">In review</dt>
        <dd className="tabular-nums">{page.counts.review}</dd>
      </dl>
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
        <Suspense fallback={<Skeleton className="h-48" />}>
          <ServicesCard />
        </Suspense>
        <Suspense fallback={<Skeleton className="h-48" />}>
          <IncidentsCard />
        </Suspense>
        {canOpen("/alerts", user.roles) && (
          <Suspense fallback={<Skeleton className="h-48" />}>
            <AlertsCard roles={user.roles} />
          </Suspense>
        )}
        {canOpen("/approvals", user.roles) && (
          <Suspense fallback={<Skeleton className="h-48" />}>
            <WaitingCard user={user} />
          </Suspense>
        )}
        <Suspense fallback={<Skeleton className="h-48" />}>
          <ChainSyncCard />
        </Suspense>
        <Suspense fallback={<Skeleton className="h-48" />}>
          <DailyCheckCard />
        </Suspense>
        {canOpen("/disputes", user.roles) && (
          <Suspense fallback={<Skeleton className="h-48" />}>
            <DisputesCard roles={user.roles} />
          </Suspense>
        )}
        {canOpen("/faucet", user.roles) && (
          <Suspense fallback={<Skeleton className="h-48" />}>
            <FaucetCard roles={user.roles} />
          </Suspense>
        )}
        {canOpen("/treasury", user.roles) && (
          <Suspense fallback={<Skeleton className="h-48" />}>
            <TreasuryCard />
          </Suspense>
        )}
        <AccessCard roles={user.roles} />
      </div>
    </>
  );
}
