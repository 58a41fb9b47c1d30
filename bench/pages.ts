// The pages `npm run bench` loads, and the database work behind each one. `sql` repeats exactly
// what the page's server components await for that URL — the portal layout (session row, nav
// badges, banner) and the page — through the same lib functions with the arguments the page
// derives from the URL, so "page p95 ÷ SQL p95" says how much rendering and the network add.
//
// Left out of `sql`, because they are not database work: chain RPC calls (the health card's
// head/server_info reads, which the app makes when chains are configured), React rendering, the
// service map's layout (dagre, CPU only) and next-auth's JWT decoding.
//
// Many lib functions use the process-wide client (lib/db/client.ts) rather than a parameter:
// listServices, listIncidents, listMajorOpenIncidents, countOpenIncidents, listAlerts,
// countLoudFiring, listInbox, countWaitingFor, readThresholdValues (listThresholds) and
// searchAudit. The runner points DATABASE_URL at the bench database before importing this file,
// so both clients read the same data; `db` is passed wherever the page itself passes one.
import { DASHBOARD_TTL_MS, sharedRead } from "@/lib/cache/shared-read";
import { readNavBadges } from "@/lib/nav-badges";
import type { TPrisma } from "@/lib/db/prisma";
import type { TCurrentUser } from "@/lib/auth/session";
import { canOpen, knownRoles, type TRole } from "@/lib/auth/roles";
import { listInbox } from "@/lib/approvals/queries";
import { listAlerts } from "@/lib/alerts/queries";
import { listIncidents } from "@/lib/incidents/queries";
import { listAssignees, listDisputes, listTokens, readQueueSummary, ZDisputeFilters } from "@/lib/disputes/queue";
import { readFaucetPage } from "@/lib/faucet/queries";
import { readThresholdValues } from "@/lib/alerts/readings";
import { listServices } from "@/lib/services/queries";
import { ZAuditFilters, searchAudit } from "@/lib/audit/queries";
import { listAccounts } from "@/lib/treasury/queries";
import { HISTORY_RANGES, balanceHistory, type THistoryRange } from "@/lib/treasury/balances";
import type { TBenchDataset } from "./dataset";

export type TBenchPage = {
  name: string;
  role: "admin" | "support" | "auditor" | "treasury" | "approver" | "operator" | "viewer";
  email: string;
  path: (d: TBenchDataset) => string;
  sql: (db: TPrisma, d: TBenchDataset) => Promise<unknown>;
};

/**
 * getCurrentUser (lib/auth/session.ts) for the bench's session row of that role: the same query.
 * Its once-a-minute lastSeenAt update is left out (under load a session is touched once per
 * minute, not per request); the bench's session rows are kept fresh by ensureBenchDataset.
 */
async function currentUser(db: TPrisma, d: TBenchDataset, role: TRole): Promise<TCurrentUser> {
  const row = await db.userSession.findFirst({
    where: { id: d.users[role].sessionId },
    select: { id: true, lastSeenAt: true, revokedAt: true, mfaPending: true, user: { select: { id: true, email: true, name: true, roles: true, disabledAt: true } } },
  });
  if (!row || row.revokedAt || row.user.disabledAt) throw new Error(`bench: the ${role} session ${d.users[role].sessionId} is gone or revoked`);
  return { id: row.user.id, email: row.user.email, name: row.user.name, roles: knownRoles(row.user.roles), sessionId: row.id, mfaSetupRequired: row.mfaPending };
}

/** app/(portal)/layout.tsx after the user: the navigation badges and the banners (the layout's own read, shared the same way). */
function layoutBadges(user: TCurrentUser) {
  return readNavBadges(user);
}

/**
 * One request: the session lookup (getCurrentUser is cached per request, so the layout and the
 * page share it), then the layout and the page, which Next.js renders concurrently.
 */
async function portalRequest<T>(db: TPrisma, d: TBenchDataset, role: TRole, page: (user: TCurrentUser) => Promise<T>): Promise<T> {
  const user = await currentUser(db, d, role);
  const [, out] = await Promise.all([layoutBadges(user), page(user)]);
  return out;
}

/** searchParams as the page receives them (a plain record of the query string). */
function searchParams(path: string): Record<string, string | undefined> {
  return Object.fromEntries(new URL(path, "http://bench.local").searchParams);
}

// ── The pages ─────────────────────────────────────────────────────────────────────────────────

/** app/(portal)/page.tsx: every card the role sees, streamed in parallel (Suspense). */
function overviewSql(db: TPrisma, d: TBenchDataset, role: TRole) {
  return portalRequest(db, d, role, (user) => overviewCards(db, user));
}

function overviewCards(db: TPrisma, user: TCurrentUser) {
  const roles = user.roles;
  const now = new Date();
  // Each card's read is shared for two seconds under the same key as the page's (app/(portal)/page.tsx).
  const shared = <T,>(key: string, read: () => Promise<T>) => sharedRead(key, DASHBOARD_TTL_MS, read);
  const r = roles.join(",");
  return Promise.all([
    // HealthCard: runHealthChecks() = SELECT 1, then per configured chain applyEndpointOverrides()
    // (one query each) before its RPC calls. The bench stack configures both chains.
    shared("bench:overview:health", () => db.$queryRaw`SELECT 1`.then(() => Promise.all([db.chainEndpointOverride.findMany(), db.chainEndpointOverride.findMany()]))),
    shared("overview:services", listServices), // ServicesCard
    shared("overview:incidents", () => listIncidents({ open: true, take: 5 })), // IncidentsCard
    canOpen("/alerts", roles) ? shared(`overview:alerts:${r}`, () => listAlerts({ roles }, { status: "firing", range: "24h" })) : null, // AlertsCard
    canOpen("/approvals", roles) ? shared(`overview:inbox:${user.id}:${r}`, () => listInbox(user, "waiting")) : null, // WaitingCard
    shared("overview:sync", () => Promise.all([db.chainCursor.findMany({ orderBy: { chain: "asc" } }), readThresholdValues()])), // ChainSyncCard
    shared("overview:daily", () => db.dailyCheckRun.findFirst({ where: { status: { not: null } }, orderBy: { startedAt: "desc" }, select: { startedAt: true, status: true, checks: true } })), // DailyCheckCard
    canOpen("/disputes", roles) ? readThresholdValues().then((t) => shared(`overview:disputes:${r}`, () => readQueueSummary(db, { roles }, t.disputeSlaHours, now))) : null, // DisputesCard
    canOpen("/faucet", roles) ? shared(`overview:faucet:${r}`, () => Promise.all([readFaucetPage(db, { roles }), readThresholdValues()])) : null, // FaucetCard
    canOpen("/treasury", roles) ? shared("overview:treasury", async () => listAccounts(db, await readThresholdValues())) : null, // TreasuryCard
  ]);
}

/** app/(portal)/disputes/page.tsx */
function disputesSql(db: TPrisma, d: TBenchDataset, path: string) {
  return portalRequest(db, d, "support", async (user) => {
    const raw = searchParams(path);
    const parsed = ZDisputeFilters.safeParse(raw);
    const filters = parsed.success ? parsed.data : ZDisputeFilters.parse({ status: raw.status, sort: raw.sort });
    const thresholds = await readThresholdValues();
    const now = new Date();
    return Promise.all([listDisputes(db, user, filters, { slaHours: thresholds.disputeSlaHours, now }), listAssignees(db), listTokens(db)]);
  });
}

/** app/(portal)/audit/page.tsx */
function auditSql(db: TPrisma, d: TBenchDataset, path: string) {
  return portalRequest(db, d, "auditor", (user) => {
    const parsed = ZAuditFilters.safeParse(searchParams(path));
    return searchAudit(user, parsed.success ? parsed.data : ZAuditFilters.parse({}));
  });
}

const disputesFiltered = (d: TBenchDataset) => `/disputes?${new URLSearchParams(d.disputes.filter)}`;
const disputesDeep = (d: TBenchDataset) => `/disputes?${new URLSearchParams({ status: "open", after: d.disputes.deepAfter })}`;
const auditSearch = (d: TBenchDataset) => `/audit?${new URLSearchParams({ actor: d.audit.actor, from: d.audit.from, to: d.audit.to })}`;
const auditDeep = (d: TBenchDataset) => `/audit?${new URLSearchParams({ actor: d.audit.actor, from: d.audit.from, to: d.audit.to, before: d.audit.deepBefore })}`;
const treasuryHistory = (d: TBenchDataset) => `/treasury/accounts/${d.treasury.accountId}?range=${d.treasury.range}`;

export const BENCH_PAGES: TBenchPage[] = [
  {
    // Admins see every card (alerts, approvals, disputes, faucet, treasury): the heaviest overview.
    name: "overview",
    role: "admin",
    email: "admin@opsdeck.local",
    path: () => "/",
    sql: (db, d) => overviewSql(db, d, "admin"),
  },
  {
    name: "disputes (filtered)",
    role: "support",
    email: "support@opsdeck.local",
    path: disputesFiltered,
    sql: (db, d) => disputesSql(db, d, disputesFiltered(d)),
  },
  {
    name: "disputes (page 200)",
    role: "support",
    email: "support@opsdeck.local",
    path: disputesDeep,
    sql: (db, d) => disputesSql(db, d, disputesDeep(d)),
  },
  {
    name: "audit search",
    role: "auditor",
    email: "auditor@opsdeck.local",
    path: auditSearch,
    sql: (db, d) => auditSql(db, d, auditSearch(d)),
  },
  {
    name: "audit (page 200)",
    role: "auditor",
    email: "auditor@opsdeck.local",
    path: auditDeep,
    sql: (db, d) => auditSql(db, d, auditDeep(d)),
  },
  {
    // app/(portal)/faucet/page.tsx: the review queue (oldest 100 of thousands) with the rest of the page.
    name: "faucet review",
    role: "support",
    email: "support@opsdeck.local",
    path: () => "/faucet",
    sql: (db, d) => portalRequest(db, d, "support", (user) => Promise.all([readFaucetPage(db, user, new Date()), readThresholdValues()])),
  },
  {
    // app/(portal)/services/page.tsx: the catalog (the map's layout is computed from it, no more SQL).
    name: "service map",
    role: "operator",
    email: "operator@opsdeck.local",
    path: () => "/services",
    sql: (db, d) => portalRequest(db, d, "operator", () => listServices()),
  },
  {
    // app/(portal)/treasury/accounts/[id]/page.tsx at its longest range (30 days, 6-hour buckets).
    name: "treasury history",
    role: "treasury",
    email: "treasury@opsdeck.local",
    path: treasuryHistory,
    sql: (db, d) =>
      portalRequest(db, d, "treasury", async () => {
        const range: THistoryRange = d.treasury.range in HISTORY_RANGES ? d.treasury.range : "7d";
        const [account] = await listAccounts(db, await readThresholdValues(), { id: d.treasury.accountId });
        if (!account) throw new Error(`bench: treasury account ${d.treasury.accountId} not found`);
        return balanceHistory(db, account.id, account.decimals, range);
      }),
  },
  {
    // app/(portal)/approvals/page.tsx, first tab.
    name: "approvals inbox",
    role: "approver",
    email: "approver@opsdeck.local",
    path: () => "/approvals",
    sql: (db, d) => portalRequest(db, d, "approver", (user) => listInbox(user, "waiting")),
  },
];
