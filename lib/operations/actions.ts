import "server-only";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getCurrentUser, type TCurrentUser } from "@/lib/auth/session";
import { clientInfo } from "@/lib/http/request-context";
import { requestLog } from "@/lib/log";
import { clearSharedReads } from "@/lib/cache/shared-read";
import type { TActor } from "@/lib/operations/define";
import { fail, type TActionResult } from "@/lib/operations/result";
import { requestOperation, type TOperationOutcome } from "@/lib/operations/pipeline";

// What server actions call. Each action is a few lines: turn the form into input, call here.

export function actorOf(user: TCurrentUser): TActor {
  return { id: user.id, email: user.email, name: user.name, roles: user.roles, sessionId: user.sessionId };
}

/**
 * Form fields named `x[]` become arrays (empty values dropped, so a hidden `x[]` keeps an empty
 * list present); `_reason` and `_key` are the pipeline's own fields. `_reasonFrom` names an input
 * field that already says why (a blacklist entry's reason): the approvers read that one.
 */
export function formToInput(form: FormData) {
  const input: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION") || key === "_reason" || key === "_key" || key === "_reasonFrom") continue;
    if (key === "__proto__" || key === "__proto__[]") continue; // would replace the input's prototype
    // Only text: no form here uploads files, and a file sent anyway is left out (its field then
    // reads as missing) rather than becoming the text "[object File]".
    const texts = form.getAll(key).filter((v): v is string => typeof v === "string");
    if (key.endsWith("[]")) input[key.slice(0, -2)] = texts.filter(Boolean);
    else if (texts.length) input[key] = texts[0];
  }
  const reasonFrom = form.get("_reasonFrom")?.toString();
  const reason = form.get("_reason")?.toString() ?? (reasonFrom && typeof input[reasonFrom] === "string" ? (input[reasonFrom] as string) : null);
  return { input, reason, reasonField: reasonFrom && reasonFrom in input ? reasonFrom : "_reason", idempotencyKey: form.get("_key")?.toString() || null };
}

/** Turns an unexpected error into "Something went wrong (ref …)" and logs it with that ref. */
export async function guarded<T>(name: string, body: () => Promise<TActionResult<T>>): Promise<TActionResult<T>> {
  try {
    return await body();
  } catch (err) {
    const ref = crypto.randomUUID().slice(0, 8);
    (await requestLog()).error({ err, ref, action: name }, "server action failed");
    return { ok: false, code: "INTERNAL", error: `Something went wrong (ref ${ref})`, ref };
  } finally {
    // Whatever this action changed shows on the next page view, badges and tiles included.
    clearSharedReads();
  }
}

export async function runOperationFromForm(operationId: string, form: FormData, revalidate: string[] = []): Promise<TActionResult<TOperationOutcome>> {
  return guarded(operationId, async () => {
    const user = await getCurrentUser();
    if (!user) return fail("UNAUTHENTICATED", "Your session has ended; sign in again");
    if (user.mfaSetupRequired && !operationId.startsWith("account.mfa.")) return fail("FORBIDDEN", "Set up two-step sign-in first");
    const { input, reason, reasonField, idempotencyKey } = formToInput(form);
    const result = await requestOperation(db, {
      operationId,
      input,
      reason,
      idempotencyKey,
      actor: actorOf(user),
      client: await clientInfo(),
      adminAllowedIps: env().ADMIN_ALLOWED_IPS,
    });
    for (const path of ["/approvals", ...revalidate]) revalidatePath(path);
    // The form's reason box is `_reason` (or the field named by `_reasonFrom`); point the pipeline's message at it.
    if (!result.ok && result.fieldErrors?.reason && !("reason" in input)) {
      const { reason: reasonErrors, ...rest } = result.fieldErrors;
      return { ...result, fieldErrors: { ...rest, [reasonField]: reasonErrors } };
    }
    return result;
  });
}
