import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import { appendAudit, type TAuditInput } from "@/lib/audit/write";
import { redact } from "@/lib/audit/redact";
import { approvalPolicyFor, type TActor, type TClientInfo, type TOperation } from "@/lib/operations/define";
import { OperationError, StillPendingError, fail, type TActionResult } from "@/lib/operations/result";
import { unstorablePath } from "@/lib/db/storable";
import { findOperation } from "@/lib/operations/registry";
import { adminNetworkRefusal, isAdminOperation } from "@/lib/auth/admin-network";
import { countOperation } from "@/lib/metrics/operations";
import { settleRunStep } from "@/lib/runbooks/settle";
import { noteOperationOnOpenIncidents } from "@/lib/incidents/timeline";
import { bestEffort } from "@/lib/db/savepoint";

// The one pipeline every change goes through:
//   parse → authorize → (approval request → votes) → execute exactly once → audit.
// A denied or invalid call writes nothing but its audit event. Execution is two-phase: an
// Execution row (unique idempotency key) commits before the side effect, so a crash in between
// is finished by the reconciler instead of being lost or repeated.

export type TOperationOutcome =
  | { status: "executed"; executionId: string; result: unknown }
  | { status: "pending_approval"; requestId: string; requiredCount: number; expiresAt: Date }
  | { status: "failed"; executionId: string; error: string };

const ZReason = z.string().trim().min(5, "Say why, in a few words (at least 5 characters)").max(500);

function auditActor(actor: TActor) {
  return { id: actor.id, email: actor.email, roles: actor.roles };
}

async function audit(db: TPrisma, event: TAuditInput) {
  await db.$transaction((tx) => appendAudit(tx, event));
}

function fieldErrorsOf(error: z.ZodError) {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function isUniqueViolation(err: unknown) {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

export type TRequestArgs = {
  operationId: string;
  input: unknown;
  reason?: string | null;
  actor: TActor;
  client?: TClientInfo;
  /** The same key twice (a double submit, a retry) returns the first outcome instead of running again. */
  idempotencyKey?: string | null;
  /** ADMIN_ALLOWED_IPS: admin operations are refused from other addresses. */
  adminAllowedIps?: readonly string[];
  /** A runbook step's key (lib/runbooks/operation-step.ts): shared by whoever presses, so used as it is. Server-side only. */
  runStepKey?: boolean;
};

/** Asks for an operation: runs it at once, or opens an approval request when its policy says so. */
export async function requestOperation(db: TPrisma, args: TRequestArgs): Promise<TActionResult<TOperationOutcome>> {
  const { actor, client = {} } = args;
  const op = findOperation(args.operationId);
  if (!op) return fail("NOT_FOUND", `Unknown operation ${args.operationId}`);

  // Text the database cannot store (NUL, a broken surrogate) is refused before anything else.
  const unstorable = unstorablePath(args.input) ?? (unstorablePath(args.reason ?? "") ? "reason" : null);
  const parsed = unstorable ? null : op.input.safeParse(args.input);
  if (!parsed?.success) {
    const fieldErrors = parsed ? fieldErrorsOf(parsed.error) : { [unstorable!.split(".")[0]!]: ["Contains a character that cannot be stored (a NUL or a broken character); remove it"] };
    await audit(db, { actor: auditActor(actor), action: `${op.id}.invalid`, outcome: "invalid", payload: { input: args.input, fieldErrors }, client });
    countOperation(op.id, "invalid");
    return fail("INVALID_INPUT", "Some fields need attention.", fieldErrors);
  }
  const input = parsed.data;
  const target = op.target?.(input) ?? null;

  const networkRefusal = adminNetworkRefusal(client.ip, args.adminAllowedIps ?? []);
  const ctx = { db, adminNetworkRefusal: networkRefusal };
  const hasRole = op.allowed.some((r) => actor.roles.includes(r));
  const refusal = !hasRole
    ? `Only ${op.allowed.join(" or ")} can ${op.title.toLowerCase()}`
    : ((isAdminOperation(op) ? networkRefusal : null) ?? (await op.authorize?.(actor, input, ctx)));
  if (refusal) {
    await audit(db, { actor: auditActor(actor), action: `${op.id}.denied`, outcome: "denied", target, payload: { input, reason: refusal }, client });
    countOperation(op.id, "denied");
    return fail("FORBIDDEN", refusal);
  }

  const policy = await approvalPolicyFor(op, input, actor, ctx);
  // What is stored on the request/execution rows and later executed (secrets already sealed).
  const stored = op.prepare ? await op.prepare(input) : input;
  // A key is the requester's own: the same key from someone else is another request.
  const key = args.idempotencyKey ? (args.runStepKey ? args.idempotencyKey : `${op.id}:${actor.id}:${args.idempotencyKey}`) : null;
  if (policy) {
    const reason = ZReason.safeParse(args.reason ?? "");
    if (!reason.success) {
      await audit(db, { actor: auditActor(actor), action: `${op.id}.invalid`, outcome: "invalid", target, payload: { input, fieldErrors: { reason: ["missing"] } }, client });
      countOperation(op.id, "invalid");
      return fail("INVALID_INPUT", "Some fields need attention.", { reason: reason.error.issues.map((i) => i.message) });
    }
    const expiresAt = new Date(Date.now() + policy.ttlMinutes * 60_000);
    if (key) {
      const existing = await db.approvalRequest.findUnique({ where: { idempotencyKey: key }, select: { id: true, requiredCount: true, expiresAt: true } });
      if (existing) return { ok: true, data: { status: "pending_approval", requestId: existing.id, requiredCount: existing.requiredCount, expiresAt: existing.expiresAt } };
    }
    const title = (op.describe ? await op.describe(input, db) : op.summary?.(input)) ?? op.title;
    const createRequest = () => db.$transaction(async (tx) => {
      const created = await tx.approvalRequest.create({
        data: {
          idempotencyKey: key,
          operationId: op.id,
          title,
          risk: op.risk,
          input: stored as Prisma.InputJsonValue,
          reason: reason.data,
          targetType: target?.type ?? null,
          targetId: target?.id ?? null,
          requestedById: actor.id,
          requesterRoles: actor.roles,
          requiredCount: policy.count,
          approverRoles: policy.by,
          expiresAt,
        },
        select: { id: true },
      });
      await appendAudit(tx, {
        actor: auditActor(actor),
        action: `${op.id}.requested`,
        outcome: "pending",
        target,
        payload: { requestId: created.id, input: stored, reason: reason.data, approval: policy },
        client,
      });
      return created;
    });
    let request: { id: string };
    try {
      request = await createRequest();
      countOperation(op.id, "approval_requested");
    } catch (err) {
      // The same form submitted twice at once: the second finds the first.
      if (!key || !isUniqueViolation(err)) throw err;
      request = await db.approvalRequest.findUniqueOrThrow({ where: { idempotencyKey: key }, select: { id: true } });
    }
    return { ok: true, data: { status: "pending_approval", requestId: request.id, requiredCount: policy.count, expiresAt } };
  }

  const started = await beginExecution(db, { op, key: `direct:${key ?? `${op.id}:${crypto.randomUUID()}`}`, input: stored, actorId: actor.id, requestId: null });
  if (started.existing) return outcomeOf(started.existing);
  return completeExecution(db, started.executionId, client);
}

type TExecutionRow = { id: string; status: "RUNNING" | "SUCCEEDED" | "FAILED"; result: unknown; error: string | null };

function outcomeOf(row: TExecutionRow): TActionResult<TOperationOutcome> {
  if (row.status === "FAILED") return { ok: false, code: "FAILED", error: row.error ?? "The operation failed" };
  if (row.status === "RUNNING") return fail("CONFLICT", "This operation is already running; its outcome will appear shortly.");
  return { ok: true, data: { status: "executed", executionId: row.id, result: row.result } };
}

/** Phase 1: the Execution row, committed before any side effect. A second call with the same key finds the first. */
export async function beginExecution(
  db: TPrisma | Prisma.TransactionClient,
  args: { op: TOperation; key: string; input: unknown; actorId: string | null; requestId: string | null },
): Promise<{ executionId: string; existing?: undefined } | { existing: TExecutionRow; executionId?: undefined }> {
  try {
    const row = await db.execution.create({
      data: { idempotencyKey: args.key, operationId: args.op.id, requestId: args.requestId, actorId: args.actorId, input: args.input as Prisma.InputJsonValue },
      select: { id: true },
    });
    return { executionId: row.id };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const existing = await db.execution.findUniqueOrThrow({ where: { idempotencyKey: args.key }, select: { id: true, status: true, result: true, error: true } });
    return { existing };
  }
}

/**
 * Phase 2: the side effect, the outcome on the Execution row, the request's status and the audit
 * event, in one transaction. The row lock makes a second caller (a reconciler racing a slow
 * request) wait and then find the work done.
 */
export async function completeExecution(db: TPrisma, executionId: string, client: TClientInfo = {}): Promise<TActionResult<TOperationOutcome>> {
  try {
    // The outside-world step first, outside any transaction: it may take seconds (a chain
    // confirmation) and it keeps its own durable record, so it must not hold a row lock or a
    // connection meanwhile (the embedded database has only one).
    let external: unknown = undefined;
    const pending = await db.execution.findUniqueOrThrow({ where: { id: executionId } });
    if (pending.status !== "RUNNING") return outcomeOf(pending as TExecutionRow);
    const pendingOp = findOperation(pending.operationId);
    if (pendingOp?.external) {
      const input = (pendingOp.stored ?? pendingOp.input).parse(pending.input);
      const requester = await loadActor(db, pending.actorId);
      external = await pendingOp.external({ db, requester, executionId, client }, input);
    }
    const done = await db.$transaction(
      async (tx) => {
        const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Execution" WHERE id = ${executionId}::uuid FOR UPDATE`;
        const execution = await tx.execution.findUniqueOrThrow({ where: { id: executionId } });
        if (locked[0]?.status !== "RUNNING") return execution;
        const op = findOperation(execution.operationId);
        if (!op) throw new OperationError("FAILED", `Operation ${execution.operationId} no longer exists`);
        const input = (op.stored ?? op.input).parse(execution.input);
        const requester = await loadActor(tx, execution.actorId);
        const approvers = execution.requestId
          ? (
              await tx.approvalVote.findMany({
                where: { requestId: execution.requestId, decision: "APPROVE" },
                orderBy: { createdAt: "asc" },
                select: { voter: { select: { id: true, email: true } } },
              })
            ).map((v) => v.voter)
          : [];
        const result = (await op.execute({ tx, requester, approvers, executionId, client, external }, input)) ?? null;
        const finished = await tx.execution.update({
          where: { id: executionId },
          data: { status: "SUCCEEDED", result: result as Prisma.InputJsonValue, finishedAt: new Date() },
        });
        if (execution.requestId) {
          await tx.approvalRequest.update({ where: { id: execution.requestId }, data: { status: "EXECUTED", outcome: { result } as Prisma.InputJsonValue } });
        }
        // A runbook step that ran or waited for this continues in this same commit.
        await bestEffort(tx, "run step settle", () =>
          settleRunStep(tx, { requestId: execution.requestId, executionKey: execution.idempotencyKey }, { status: "executed", executionId, result, by: approvers.at(-1)?.email ?? requester.email }),
        );
        await appendAudit(tx, {
          actor: { id: requester.id, email: requester.email, roles: requester.roles },
          action: `${op.id}.executed`,
          outcome: "success",
          target: op.target?.(input) ?? null,
          payload: { executionId, requestId: execution.requestId, input: execution.input, result, approvedBy: approvers.map((a) => a.email) },
          client,
        });
        await bestEffort(tx, "incident timeline", () => noteOperationOnOpenIncidents(tx, {
          id: op.id,
          risk: op.risk,
          text: `${op.summary?.(input) ?? op.title} — by ${requester.email}${approvers.length ? `, approved by ${approvers.map((a) => a.email).join(", ")}` : ""}`,
          actorEmail: requester.email,
          executionKey: execution.idempotencyKey,
          requestId: execution.requestId,
          result,
        }));
        countOperation(op.id, "executed");
        return finished;
      },
      { timeout: 30_000 },
    );
    return outcomeOf(done as TExecutionRow);
  } catch (err) {
    // Started outside and not finished: not a failure. The execution stays RUNNING for the reconciler.
    if (err instanceof StillPendingError) return fail("CONFLICT", err.message);
    const message = err instanceof OperationError ? err.message : "The operation failed unexpectedly";
    await recordFailure(db, executionId, message, err, client);
    if (err instanceof OperationError) return { ok: false, code: err.code === "INTERNAL" ? "FAILED" : err.code, error: err.message, fieldErrors: err.fieldErrors };
    throw err;
  }
}

async function recordFailure(db: TPrisma, executionId: string, message: string, err: unknown, client: TClientInfo) {
  await db.$transaction(async (tx) => {
    // Only a still-running execution becomes FAILED: a reconciler may have finished it meanwhile.
    const changed = await tx.execution.updateMany({ where: { id: executionId, status: "RUNNING" }, data: { status: "FAILED", error: message, finishedAt: new Date() } });
    if (changed.count === 0) return;
    const execution = await tx.execution.findUniqueOrThrow({ where: { id: executionId } });
    if (execution.requestId) {
      await tx.approvalRequest.update({ where: { id: execution.requestId }, data: { status: "FAILED", outcome: { error: message } } });
    }
    await bestEffort(tx, "run step settle", () => settleRunStep(tx, { requestId: execution.requestId, executionKey: execution.idempotencyKey }, { status: "failed", error: message, by: "OpsDeck", executionId }));
    const actor = execution.actorId ? await tx.user.findUnique({ where: { id: execution.actorId }, select: { id: true, email: true, roles: true } }) : null;
    await appendAudit(tx, {
      actor,
      action: `${execution.operationId}.failed`,
      outcome: "failed",
      payload: { executionId, requestId: execution.requestId, input: redact(execution.input), error: message, detail: err instanceof OperationError ? undefined : String(err).slice(0, 500) },
      client,
    });
    countOperation(execution.operationId, "failed");
  });
}

export async function loadActor(tx: Prisma.TransactionClient | TPrisma, userId: string | null): Promise<TActor> {
  if (!userId) return { id: "", email: "system", name: "OpsDeck", roles: [], sessionId: null };
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, roles: true } });
  return { ...user, sessionId: null };
}
