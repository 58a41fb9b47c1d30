import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import type { TRole } from "@/lib/auth/roles";

// An Operation is every change OpsDeck can make, declared once (ARCHITECTURE.md §1). The
// pipeline (pipeline.ts) parses, authorizes, asks for approvals, executes exactly once and audits.

export type TRisk = "low" | "medium" | "high" | "critical";

export type TActor = { id: string; email: string; name: string; roles: TRole[]; sessionId: string | null };
export type TClientInfo = { ip?: string | null; userAgent?: string | null; requestId?: string | null };

export type TApprovalPolicy = { count: number; by: TRole[]; ttlMinutes: number };

export type TExecuteContext = {
  /** The transaction the side effect runs in (mode "db"): its writes commit with the outcome and the audit event. */
  tx: Prisma.TransactionClient;
  /** Who asked for it. */
  requester: TActor;
  /** Who approved it, in order (empty when no approval was needed). */
  approvers: { id: string; email: string }[];
  executionId: string;
  client: TClientInfo;
  /** What `external` returned (a chain transaction's hash and block), when the operation has one. */
  external: unknown;
};

/** The context of an operation's outside-world step, which runs before (not inside) the database transaction. */
export type TExternalContext = {
  db: TPrisma;
  requester: TActor;
  executionId: string;
  client: TClientInfo;
};

export type TAuthorizeContext = {
  db: TPrisma;
  /** Why an admin action is refused from this client's address (ADMIN_ALLOWED_IPS), or null. */
  adminNetworkRefusal: string | null;
};

export type TOperation<TSchema extends z.ZodType = z.ZodType, TResult = unknown> = {
  id: string;
  title: string;
  /** One line shown on forms and approval pages. */
  description: string;
  risk: TRisk;
  input: TSchema;
  /** Roles that may request it. */
  allowed: readonly TRole[];
  /** null: runs at once. A function decides per input (e.g. granting admin needs an approval). */
  approval: TApprovalPolicy | null | ((input: z.infer<TSchema>, actor: TActor, ctx: TAuthorizeContext) => Promise<TApprovalPolicy | null> | TApprovalPolicy | null);
  /** Extra checks beyond the role (e.g. "not your own account"); returns why it is refused. */
  authorize?: (actor: TActor, input: z.infer<TSchema>, ctx: TAuthorizeContext) => Promise<string | null> | string | null;
  /** What it acts on, for the audit log and the approvals inbox. */
  target?: (input: z.infer<TSchema>) => { type: string; id: string };
  /** A short human summary of the input for lists ("Grant admin to ana@…"). */
  summary?: (input: z.infer<TSchema>) => string;
  /**
   * The approval request's title when the input names rows by id (a treasury transfer's source
   * account and destination): read once at request time, so approvers see addresses and amounts.
   */
  describe?: (input: z.infer<TSchema>, db: TPrisma) => Promise<string>;
  /**
   * Turns parsed input into what is stored on the request and execution rows, for inputs that
   * carry a secret (a password becomes its hash). `stored` parses it back when executing.
   */
  prepare?: (input: z.infer<TSchema>) => Promise<unknown>;
  stored?: z.ZodType;
  /**
   * A side effect outside the database (a chain transaction). It runs before `execute`, outside any
   * database transaction, and must be idempotent per executionId: a crash after it and before the
   * outcome is recorded makes the reconciler call it again (chain writes find their recorded
   * transaction instead of sending another).
   */
  external?: (ctx: TExternalContext, input: z.infer<TSchema>) => Promise<unknown>;
  /** Records the outcome. Throw OperationError for an expected refusal; the transaction then rolls back. */
  execute: (ctx: TExecuteContext, input: z.infer<TSchema>) => Promise<TResult>;
};

export function defineOperation<TSchema extends z.ZodType, TResult>(op: TOperation<TSchema, TResult>): TOperation<TSchema, TResult> {
  return op;
}

export async function approvalPolicyFor(op: TOperation, input: unknown, actor: TActor, ctx: TAuthorizeContext): Promise<TApprovalPolicy | null> {
  return typeof op.approval === "function" ? op.approval(input, actor, ctx) : op.approval;
}
