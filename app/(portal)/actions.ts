"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getCurrentUser } from "@/lib/auth/session";
import { reauthenticate } from "@/lib/auth/reauth";
import { clientInfo } from "@/lib/http/request-context";
import { actorOf, formToInput, guarded, runOperationFromForm } from "@/lib/operations/actions";
import { runOperationStep } from "@/lib/runbooks/operation-step";
import { voteOnRequest, type TVoteOutcome } from "@/lib/operations/approvals";
import { fail, type TActionResult } from "@/lib/operations/result";
import type { TOperationOutcome } from "@/lib/operations/pipeline";
import { recordAudit } from "@/lib/audit/write";
import { verifyAuditChain } from "@/lib/audit/verify";
import { parseDisputeRef } from "@/lib/disputes/ref";

// The portal's server actions. Each is a thin door into the operation pipeline, which parses,
// authorizes, asks for approvals, executes and audits; nothing here trusts the client.

export async function runOperationAction(operationId: string, _prev: unknown, form: FormData): Promise<TActionResult<TOperationOutcome>> {
  // The page always sends a form; anything else was not sent by OpsDeck's own pages.
  if (typeof operationId !== "string" || !(form instanceof FormData)) return fail("INVALID_INPUT", "Send the form as the page does");
  const revalidate = String(form.get("_revalidate") ?? "")
    .split(",")
    .filter((p) => p.startsWith("/"));
  form.delete("_revalidate");
  return runOperationFromForm(operationId, form, revalidate);
}

export async function voteAction(requestId: string, _prev: unknown, form: FormData): Promise<TActionResult<TVoteOutcome>> {
  return guarded("approval.vote", async () => {
    const user = await getCurrentUser();
    if (!user) return fail("UNAUTHENTICATED", "Your session has ended; sign in again");
    if (user.mfaSetupRequired) return fail("FORBIDDEN", "Set up two-step sign-in first");
    const actor = actorOf(user);
    const client = await clientInfo();
    const confirm = String(form.get("confirm") ?? "");
    if (confirm && !(await reauthenticate(db, actor, confirm, client))) {
      return fail("REAUTH_REQUIRED", "That password or code is not right", { confirm: ["That password or code is not right"] });
    }
    const result = await voteOnRequest(db, {
      actor,
      client,
      adminAllowedIps: env().ADMIN_ALLOWED_IPS,
      input: { requestId, decision: form.get("decision"), reason: form.get("reason")?.toString() || undefined },
    });
    revalidatePath("/approvals");
    revalidatePath(`/approvals/${requestId}`);
    return result;
  });
}

export async function verifyAuditAction(): Promise<TActionResult<{ intact: boolean; events: number; brokenAt?: { id: string; at: string; problem: string } }>> {
  return guarded("audit.verify", async () => {
    const user = await getCurrentUser();
    if (!user) return fail("UNAUTHENTICATED", "Your session has ended; sign in again");
    if (user.mfaSetupRequired) return fail("FORBIDDEN", "Set up two-step sign-in first");
    const actor = { id: user.id, email: user.email, roles: user.roles };
    const client = await clientInfo();
    if (!user.roles.some((r) => r === "auditor" || r === "admin")) {
      await recordAudit(db, { actor, action: "audit.verify.denied", outcome: "denied", client });
      return fail("FORBIDDEN", "Only auditors and admins can verify the audit log");
    }
    const report = await verifyAuditChain(db);
    await recordAudit(db, { actor, action: "audit.verified", outcome: report.intact ? "success" : "failed", payload: report, client });
    return {
      ok: true,
      data: report.intact
        ? { intact: true, events: report.events }
        : { intact: false, events: report.events, brokenAt: { ...report.brokenAt, at: report.brokenAt.at.toISOString() } },
    };
  });
}

/** A runbook's operation step: the step's operation through the pipeline, its outcome recorded on the run. */
export async function runStepOperationAction(runId: string, stepId: string, _prev: unknown, form: FormData): Promise<TActionResult<TOperationOutcome>> {
  return guarded("runbook.operation-step", async () => {
    const user = await getCurrentUser();
    if (!user) return fail("UNAUTHENTICATED", "Your session has ended; sign in again");
    if (user.mfaSetupRequired) return fail("FORBIDDEN", "Set up two-step sign-in first");
    const { input, reason, idempotencyKey } = formToInput(form);
    const fields = Object.fromEntries(Object.entries(input).filter((e): e is [string, string] => typeof e[1] === "string"));
    const result = await runOperationStep(db, {
      runId,
      stepId,
      fields,
      reason,
      actor: actorOf(user),
      client: await clientInfo(),
      formKey: idempotencyKey ?? crypto.randomUUID(),
      adminAllowedIps: env().ADMIN_ALLOWED_IPS,
    });
    revalidatePath("/approvals");
    revalidatePath(`/runbooks/runs/${runId}`);
    return !result.ok && result.fieldErrors?.reason ? { ...result, fieldErrors: { ...result.fieldErrors, _reason: result.fieldErrors.reason } } : result;
  });
}

/** The queue's per-row "Claim" button: its value is the dispute reference ("evm-31337-42"). */
export async function claimDisputeAction(_prev: unknown, form: FormData): Promise<TActionResult<TOperationOutcome>> {
  if (!(form instanceof FormData)) return fail("INVALID_INPUT", "Send the form as the page does");
  const ref = parseDisputeRef(String(form.get("claim") ?? ""));
  if (!ref) return fail("INVALID_INPUT", "That is not a dispute reference");
  const single = new FormData();
  single.set("chain", ref.chain);
  single.set("orderId", ref.orderId.toString());
  single.set("_key", `${form.get("_key") ?? crypto.randomUUID()}:${form.get("claim")}`);
  return runOperationFromForm("dispute.claim", single, ["/disputes"]);
}
