import { z } from "zod";
import type { TPrisma } from "@/lib/db/prisma";
import { unstorablePath } from "@/lib/db/storable";
import { appendAudit } from "@/lib/audit/write";
import type { Prisma } from "@/generated/prisma/client";
import { approvalPolicyFor, type TActor, type TClientInfo, type TOperation } from "@/lib/operations/define";
import { OperationError, fail, type TActionResult } from "@/lib/operations/result";
import { beginExecution, completeExecution, loadActor, type TOperationOutcome } from "@/lib/operations/pipeline";
import { findOperation } from "@/lib/operations/registry";
import { knownRoles } from "@/lib/auth/roles";
import { adminNetworkRefusal, isAdminOperation } from "@/lib/auth/admin-network";
import { countOperation } from "@/lib/metrics/operations";
import { noteRunApproval, settleRunStep } from "@/lib/runbooks/settle";
import { bestEffort } from "@/lib/db/savepoint";

// Votes on approval requests. The rules: never your own request; one vote each; only the roles
// the policy names; an expired request cannot be approved; any eligible approver may reject
// with a reason, which ends it; critical requests need a recent re-authentication.

export const REAUTH_WINDOW_MS = 5 * 60_000;

export const ZVote = z
  .object({
    requestId: z.string().uuid("Unknown request"),
    decision: z.enum(["approve", "reject"]),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.decision === "approve" || (v.reason?.length ?? 0) >= 5, { path: ["reason"], message: "Say why you reject it (at least 5 characters)" });

export type TVoteOutcome = { status: "recorded"; approvals: number; requiredCount: number } | { status: "rejected" } | TOperationOutcome;

export async function voteOnRequest(
  db: TPrisma,
  args: { actor: TActor; input: unknown; client?: TClientInfo; now?: Date; adminAllowedIps?: readonly string[] },
): Promise<TActionResult<TVoteOutcome>> {
  const { actor, client = {} } = args;
  const unstorable = unstorablePath(args.input);
  const parsed = unstorable ? null : ZVote.safeParse(args.input);
  if (!parsed?.success) {
    const fieldErrors: Record<string, string[]> = {};
    if (unstorable) fieldErrors[unstorable.split(".")[0]!] = ["Contains a character that cannot be stored (a NUL or a broken character); remove it"];
    for (const i of parsed?.error.issues ?? []) (fieldErrors[i.path.join(".") || "_"] ??= []).push(i.message);
    await db.$transaction((tx) => appendAudit(tx, { actor, action: "approval.vote.invalid", outcome: "invalid", payload: { input: args.input, fieldErrors }, client }));
    return fail("INVALID_INPUT", "Some fields need attention.", fieldErrors);
  }
  const { requestId, decision, reason } = parsed.data;
  const now = args.now ?? new Date();

  let executionId: string | null = null;
  const result = await db
    .$transaction(async (tx): Promise<TActionResult<TVoteOutcome>> => {
      // The row lock serializes concurrent votes on one request: exactly one of them can be the
      // vote that reaches the count.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "ApprovalRequest" WHERE id = ${requestId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new OperationError("NOT_FOUND", "This request does not exist");
      const request = await tx.approvalRequest.findUniqueOrThrow({
        where: { id: requestId },
        include: { votes: { select: { voterId: true, decision: true, voter: { select: { disabledAt: true, roles: true } } } } },
      });
      const target = request.targetType && request.targetId ? { type: request.targetType, id: request.targetId } : null;
      const deny = async (code: "FORBIDDEN" | "CONFLICT" | "EXPIRED" | "REAUTH_REQUIRED", message: string) => {
        await appendAudit(tx, { actor, action: `approval.${decision}.denied`, outcome: "denied", target: { type: "approval", id: requestId }, payload: { operationId: request.operationId, reason: message }, client });
        return fail(code, message);
      };

      if (request.status !== "PENDING") return deny("CONFLICT", `This request is already ${request.status.toLowerCase()}`);
      if (request.expiresAt <= now) {
        await tx.approvalRequest.update({ where: { id: requestId }, data: { status: "EXPIRED", decidedAt: now } });
        await bestEffort(tx, "run step settle", () => settleRunStep(tx, { requestId }, { status: "failed", error: "The approval request expired", by: "OpsDeck" }));
        await appendAudit(tx, { actor: null, action: "approval.expired", outcome: "expired", target: { type: "approval", id: requestId }, payload: { operationId: request.operationId }, client });
        return fail("EXPIRED", "This request has expired; ask for it again if it is still needed");
      }
      if (request.requestedById === actor.id) return deny("FORBIDDEN", "You cannot approve or reject your own request");
      const approverRoles = knownRoles(request.approverRoles);
      if (!approverRoles.some((r) => actor.roles.includes(r))) return deny("FORBIDDEN", `Only ${approverRoles.join(" or ")} can decide this request`);
      if (request.votes.some((v) => v.voterId === actor.id)) return deny("CONFLICT", "You have already voted on this request");
      const op = findOperation(request.operationId);
      const networkRefusal = op && isAdminOperation(op) ? adminNetworkRefusal(client.ip, args.adminAllowedIps ?? []) : null;
      if (networkRefusal) return deny("FORBIDDEN", networkRefusal);
      if (request.risk === "critical" && decision === "approve") {
        const session = actor.sessionId ? await tx.userSession.findUnique({ where: { id: actor.sessionId }, select: { reauthAt: true } }) : null;
        if (!session?.reauthAt || now.getTime() - session.reauthAt.getTime() > REAUTH_WINDOW_MS) {
          return deny("REAUTH_REQUIRED", "This is a critical request: confirm your password (or authenticator code) to approve it");
        }
      }

      await tx.approvalVote.create({ data: { requestId, voterId: actor.id, decision: decision === "approve" ? "APPROVE" : "REJECT", reason: reason ?? null } });
      if (decision === "reject") {
        await tx.approvalRequest.update({ where: { id: requestId }, data: { status: "REJECTED", decidedAt: now, outcome: { rejectedBy: actor.email, reason } } });
        await bestEffort(tx, "run step settle", () => settleRunStep(tx, { requestId }, { status: "failed", error: `Rejected by ${actor.email}: ${reason}`, by: actor.email }));
        await appendAudit(tx, { actor, action: "approval.rejected", outcome: "rejected", target: { type: "approval", id: requestId }, payload: { operationId: request.operationId, on: target, reason }, client });
        countOperation(request.operationId, "rejected");
        return { ok: true, data: { status: "rejected" } };
      }

      // Earlier approvals count only while their voters are still active approvers: a vote does not
      // outlive its voter's access (the requester is re-checked below too).
      const stillValid = request.votes.filter(
        (v) => v.decision === "APPROVE" && !v.voter.disabledAt && approverRoles.some((r) => knownRoles(v.voter.roles).includes(r)),
      );
      const approvals = stillValid.length + 1;
      await appendAudit(tx, {
        actor,
        action: "approval.approved",
        outcome: "success",
        target: { type: "approval", id: requestId },
        payload: { operationId: request.operationId, on: target, approvals, requiredCount: request.requiredCount },
        client,
      });
      countOperation(request.operationId, "approved");
      await bestEffort(tx, "incident timeline", () => noteRunApproval(tx, requestId, `${request.title}: approved by ${actor.email} (${approvals} of ${request.requiredCount})`, actor.email));
      if (approvals < request.requiredCount) return { ok: true, data: { status: "recorded", approvals, requiredCount: request.requiredCount } };

      if (!op) throw new OperationError("FAILED", `Operation ${request.operationId} no longer exists`);
      // A policy that depends on the input (a transfer above the limit needs a third approver) is
      // asked again now: a limit lowered while the request waited raises the count, never lowers it.
      const raised = await raisedApprovalCount(tx, op, request);
      if (raised !== null) {
        await tx.approvalRequest.update({ where: { id: requestId }, data: { requiredCount: raised } });
        await appendAudit(tx, { actor: null, action: "approval.count.raised", outcome: "pending", target: { type: "approval", id: requestId }, payload: { operationId: request.operationId, from: request.requiredCount, to: raised }, client });
        if (approvals < raised) return { ok: true, data: { status: "recorded", approvals, requiredCount: raised } };
      }
      // The requester must still be allowed to ask for this when it finally runs: a disabled or
      // demoted requester's request does not execute on the strength of old approvals.
      const requester = await tx.user.findUnique({ where: { id: request.requestedById }, select: { disabledAt: true, roles: true } });
      if (!requester || requester.disabledAt || !op.allowed.some((r) => requester.roles.includes(r))) {
        const why = "The requester is no longer allowed to ask for this, so it was not carried out";
        await tx.approvalRequest.update({ where: { id: requestId }, data: { status: "FAILED", decidedAt: now, outcome: { error: why } } });
        await appendAudit(tx, { actor: null, action: `${request.operationId}.failed`, outcome: "failed", target, payload: { requestId, error: why }, client });
        await bestEffort(tx, "run step settle", () => settleRunStep(tx, { requestId }, { status: "failed", error: why, by: "OpsDeck" }));
        countOperation(request.operationId, "failed");
        return fail("CONFLICT", why);
      }
      await tx.approvalRequest.update({ where: { id: requestId }, data: { status: "APPROVED", decidedAt: now } });
      const started = await beginExecution(tx, { op, key: `approval:${requestId}`, input: request.input, actorId: request.requestedById, requestId });
      executionId = started.executionId ?? started.existing.id;
      return { ok: true, data: { status: "recorded", approvals, requiredCount: request.requiredCount } };
    })
    .catch((err) => {
      if (err instanceof OperationError) return fail(err.code, err.message);
      throw err;
    });

  // The last approval committed together with the Execution row; now run it (outside the vote's
  // transaction, so a failing side effect never undoes the votes).
  if (result.ok && executionId) return completeExecution(db, executionId, client);
  return result;
}

/** The approval count the operation's policy asks for now, when it is higher than the request's. */
async function raisedApprovalCount(tx: Prisma.TransactionClient, op: TOperation, request: { input: unknown; requiredCount: number; requestedById: string }): Promise<number | null> {
  if (typeof op.approval !== "function") return null;
  const input = op.input.safeParse(request.input);
  // Inputs stored in another form (a sealed secret) were never priced by their content.
  if (!input.success) return null;
  const requester = await loadActor(tx, request.requestedById);
  const policy = await approvalPolicyFor(op, input.data, requester, { db: tx as unknown as TPrisma, adminNetworkRefusal: null });
  return policy && policy.count > request.requiredCount ? policy.count : null;
}
