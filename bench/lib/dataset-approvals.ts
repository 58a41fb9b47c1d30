import { randomUUID } from "node:crypto";
import type pg from "pg";
import { OPERATIONS } from "@/lib/operations/registry";
import type { TApprovalPolicy } from "@/lib/operations/define";
import { rng } from "@/lib/seed/names";
import type { TLog } from "./dataset-db";
import { BENCH_CHAIN } from "./dataset-escrow";
import { DAY, HOUR, type TBenchUser } from "./dataset-shared";

// A year of approval requests as the pipeline writes them (lib/operations/pipeline.ts,
// approvals.ts): mostly decided, with their votes, and a pending inbox for the approvers.
//
// Pending requests expire after their policy's TTL in real life (two hours to a day). A bench
// data set is reused for days, so they are kept alive instead: their expiry is a week ahead and
// refreshed on every reuse (refreshPendingApprovals), keyed by the "bench-pending-" idempotency key.

export const PENDING_KEY_PREFIX = "bench-pending-";

/** Policies of the operations whose policy depends on the input (a large transfer, a big dispute). */
const DYNAMIC: Record<string, TApprovalPolicy> = {
  "treasury.transfer": { count: 2, by: ["approver"], ttlMinutes: 24 * 60 },
  "dispute.resolve": { count: 1, by: ["approver"], ttlMinutes: 24 * 60 },
  "user.roles.set": { count: 1, by: ["admin"], ttlMinutes: 24 * 60 },
  "user.create": { count: 1, by: ["admin"], ttlMinutes: 24 * 60 },
  "treasury.account.add": { count: 1, by: ["approver"], ttlMinutes: 24 * 60 },
};

const REASONS = ["Monthly rebalancing to cold storage", "Customer escalation, evidence attached", "Incident follow-up", "Scheduled rotation", "Partner request, ticket OPS-4411", "Abuse from this range keeps coming back"];

export type TApprovalsGenerated = { requests: number; votes: number; pendingForApprover: number };

export async function generateApprovals(pool: pg.Pool, opts: { total: number; pendingForApprover: number; now: Date; users: TBenchUser[]; openDisputes: string[]; log: TLog }): Promise<TApprovalsGenerated> {
  const random = rng(23);
  const { now, users } = opts;
  const any = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const approver = users.find((u) => u.email === "approver@opsdeck.local")!;
  const otherApprovers = users.filter((u) => u.id && u.roles.includes("approver") && u.id !== approver.id);
  const admins = users.filter((u) => u.id && u.roles.includes("admin"));
  const ops = OPERATIONS.flatMap((op) => {
    const policy = typeof op.approval === "function" ? DYNAMIC[op.id] : op.approval;
    return policy ? [{ op, policy }] : [];
  });

  const requests: unknown[][] = [];
  const votes: unknown[][] = [];
  let pendingForApprover = 0;
  for (let i = 0; i < opts.total; i++) {
    const isPending = i < opts.pendingForApprover + 8;
    // The approver's inbox holds requests approvers decide; the few extra pending ones wait for admins.
    const candidates = isPending && i < opts.pendingForApprover ? ops.filter((o) => o.policy.by.includes("approver")) : ops;
    const { op, policy } = any(candidates);
    const requesters = users.filter((u) => u.id && u.id !== approver.id && !u.roles.includes("approver") && op.allowed.some((r) => u.roles.includes(r)));
    if (requesters.length === 0) continue;
    const requester = any(requesters);
    const createdAt = isPending ? new Date(now.getTime() - random() * 20 * HOUR) : new Date(now.getTime() - 2 * DAY - random() * 363 * DAY);
    const target = op.id.startsWith("dispute") && opts.openDisputes.length ? { type: "dispute", id: `${BENCH_CHAIN}/${any(opts.openDisputes)}` } : op.id.startsWith("wallet.") ? { type: "wallet", id: `0x${randomUUID().replace(/-/g, "")}${"0".repeat(8)}` } : null;
    const id = randomUUID();
    const eligible = policy.by.includes("approver") ? otherApprovers : admins.filter((a) => a.id !== requester.id);
    let status: string;
    let decidedAt: Date | null = null;
    const voteRows: { voter: TBenchUser; decision: "APPROVE" | "REJECT"; reason: string | null }[] = [];
    if (isPending) {
      status = "PENDING";
      // Two-approver requests: some already carry the first approval (not the demo approver's).
      if (policy.count > 1 && random() < 0.4 && eligible.length) voteRows.push({ voter: any(eligible), decision: "APPROVE", reason: null });
      if (i < opts.pendingForApprover) pendingForApprover++;
    } else {
      const s = random();
      const deciders = [approver, ...eligible].filter((u, k, all) => all.findIndex((x) => x.id === u.id) === k && policy.by.some((r) => u.roles.includes(r)));
      status = s < 0.7 ? "EXECUTED" : s < 0.85 ? "REJECTED" : s < 0.95 ? "EXPIRED" : "FAILED";
      decidedAt = new Date(createdAt.getTime() + random() * Math.min(policy.ttlMinutes * 60_000, 6 * HOUR));
      if (status === "EXECUTED" || status === "FAILED") for (let k = 0; k < Math.min(policy.count, deciders.length); k++) voteRows.push({ voter: deciders[(i + k) % deciders.length]!, decision: "APPROVE", reason: null });
      if (status === "REJECTED" && deciders.length) voteRows.push({ voter: any(deciders), decision: "REJECT", reason: "Not without the second sign-off from finance" });
      if (status === "EXPIRED") decidedAt = new Date(createdAt.getTime() + policy.ttlMinutes * 60_000);
    }
    const expiresAt = isPending ? new Date(now.getTime() + 7 * DAY) : new Date(createdAt.getTime() + policy.ttlMinutes * 60_000);
    requests.push([
      id, isPending ? `${PENDING_KEY_PREFIX}${i}` : `bench-${i}`, op.id, `${op.title}${target ? ` (${target.id.slice(0, 24)})` : ""}`, op.risk, JSON.stringify(inputFor(op.id, target)), any(REASONS),
      target?.type ?? null, target?.id ?? null, requester.id, `{${requester.roles.join(",")}}`, policy.count, `{${policy.by.join(",")}}`, status, expiresAt.toISOString(), createdAt.toISOString(), decidedAt?.toISOString() ?? null,
      status === "EXECUTED" ? JSON.stringify({ executionId: randomUUID() }) : status === "FAILED" ? JSON.stringify({ error: "The chain did not answer in time" }) : null,
    ]);
    voteRows.forEach((v, k) => votes.push([randomUUID(), id, v.voter.id, v.decision, v.reason, new Date(createdAt.getTime() + (k + 1) * 10 * 60_000).toISOString()]));
  }
  const col = (rows: unknown[][], k: number) => rows.map((r) => r[k]);
  await pool.query(
    `INSERT INTO "ApprovalRequest" (id, "idempotencyKey", "operationId", title, risk, input, reason, "targetType", "targetId", "requestedById", "requesterRoles", "requiredCount", "approverRoles", status, "expiresAt", "createdAt", "decidedAt", outcome)
     SELECT id::uuid, key, op, title, risk, input::jsonb, reason, tt, tid, rb::uuid, rr::"Role"[], rc, ar::"Role"[], st::"ApprovalStatus", ea::timestamptz, ca::timestamptz, da::timestamptz, oc::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[])
       AS x(id, key, op, title, risk, input, reason, tt, tid, rb, rr, rc, ar, st, ea, ca, da, oc)`,
    Array.from({ length: 18 }, (_, k) => col(requests, k)),
  );
  await pool.query(
    `INSERT INTO "ApprovalVote" (id, "requestId", "voterId", decision, reason, "createdAt")
     SELECT id::uuid, rid::uuid, vid::uuid, d::"VoteDecision", reason, ca::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(id, rid, vid, d, reason, ca)`,
    Array.from({ length: 6 }, (_, k) => col(votes, k)),
  );
  opts.log(`approvals: ${requests.length} requests (${pendingForApprover} waiting for approver@), ${votes.length} votes`);
  return { requests: requests.length, votes: votes.length, pendingForApprover };
}

function inputFor(opId: string, target: { type: string; id: string } | null): Record<string, unknown> {
  if (opId === "treasury.transfer") return { amount: "25000", destination: randomUUID() };
  if (opId === "dispute.resolve" && target) return { chain: BENCH_CHAIN, orderId: target.id.split("/")[1], favorBuyer: true };
  if (target) return { wallet: target.id };
  return {};
}

/** Keeps the pending inbox pending: run on every reuse of the data set. */
export async function refreshPendingApprovals(pool: pg.Pool) {
  await pool.query(`UPDATE "ApprovalRequest" SET "expiresAt" = (now() AT TIME ZONE 'UTC') + interval '7 days' WHERE "idempotencyKey" LIKE '${PENDING_KEY_PREFIX}%' AND status = 'PENDING'`);
}
