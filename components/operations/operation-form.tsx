"use client";

import Link from "next/link";
import { useActionState, useEffect, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { CheckCircle2, Clock } from "lucide-react";
import { runOperationAction } from "@/app/(portal)/actions";
import { Button } from "@/components/ui/button";
import { FieldErrorsContext, TextArea } from "@/components/forms/fields";
import { useKeepInputUntilDone } from "@/components/forms/use-keep-input";
import type { TActionResult } from "@/lib/operations/result";
import type { TOperationOutcome } from "@/lib/operations/pipeline";

type TState = TActionResult<TOperationOutcome> | null;

/**
 * A form that runs one operation through the pipeline and says what happened: done, waiting
 * for approvers (with a link to the request), or why not. A fresh idempotency key per attempt
 * makes a double click run once.
 */
export function OperationForm({
  operationId,
  children,
  submitLabel,
  needsReason = false,
  reasonFrom,
  reasonLabel = "Why (shown to the approvers)",
  reasonPlaceholder = "e.g. what happened and why this change helps",
  revalidate = [],
  variant = "primary",
  successText = "Done.",
  successHref,
  action,
  className,
}: {
  operationId: string;
  children?: ReactNode;
  submitLabel: string;
  needsReason?: boolean;
  /** An input field that already says why: it is what the approvers read (no second reason box). */
  reasonFrom?: string;
  reasonLabel?: string;
  reasonPlaceholder?: string;
  revalidate?: string[];
  variant?: "primary" | "secondary" | "danger";
  successText?: string;
  /** Where to go once it ran, with `{field}` filled from the result ("/incidents/{incidentId}"). */
  successHref?: string;
  /** A server action to use instead of the plain operation (a runbook step records its outcome too). */
  action?: (prev: TState, form: FormData) => Promise<TState>;
  className?: string;
}) {
  const [state, formAction, isPending] = useActionState<TState, FormData>(action ?? runOperationAction.bind(null, operationId), null);
  const router = useRouter();
  useEffect(() => {
    if (!successHref || !state?.ok || state.data.status !== "executed") return;
    const result = (state.data.result ?? {}) as Record<string, unknown>;
    router.push(successHref.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String(result[k] ?? ""))));
  }, [state, successHref, router]);
  // A new key once an attempt has come back (React's "adjust state when a prop changes" pattern).
  const [attempt, setAttempt] = useState(() => ({ after: state, key: crypto.randomUUID() }));
  if (attempt.after !== state) setAttempt({ after: state, key: crypto.randomUUID() });
  const key = attempt.key;
  const { ref: formRef, onSubmit } = useKeepInputUntilDone((data) => formAction(data), state);

  return (
    <FieldErrorsContext.Provider value={state && !state.ok ? state.fieldErrors : undefined}>
      {/* `action` is for a press before the page is interactive (a POST, never a GET with the fields in the URL). */}
      <form ref={formRef} action={formAction} onSubmit={onSubmit} className={className ?? "flex flex-col gap-4"}>
        <input type="hidden" name="_key" value={key} />
        <input type="hidden" name="_revalidate" value={revalidate.join(",")} />
        {reasonFrom && <input type="hidden" name="_reasonFrom" value={reasonFrom} />}
        {children}
        {needsReason && <TextArea label={reasonLabel} name="_reason" required minLength={5} placeholder={reasonPlaceholder} />}
        <OperationResult state={state} successText={successText} />
        <div>
          <Button type="submit" variant={variant} disabled={isPending}>
            {isPending ? "Working…" : submitLabel}
          </Button>
        </div>
      </form>
    </FieldErrorsContext.Provider>
  );
}

export function OperationResult({ state, successText }: { state: TState; successText: string }) {
  if (!state) return null;
  if (!state.ok) {
    return (
      <p role="alert" className="rounded-md bg-crit-bg px-3 py-2 text-sm text-crit">
        {state.error}
      </p>
    );
  }
  if (state.data.status === "pending_approval") {
    return (
      <p role="status" className="flex flex-wrap items-center gap-2 rounded-md bg-info-bg px-3 py-2 text-sm text-info">
        <Clock size={16} aria-hidden />
        Request sent: waiting for {state.data.requiredCount} approval{state.data.requiredCount > 1 ? "s" : ""}.
        <Link className="font-medium underline" href={`/approvals/${state.data.requestId}`}>
          Follow the request
        </Link>
      </p>
    );
  }
  if (state.data.status === "failed") {
    return (
      <p role="alert" className="rounded-md bg-crit-bg px-3 py-2 text-sm text-crit">
        {state.data.error}
      </p>
    );
  }
  return (
    <p role="status" className="flex items-center gap-2 rounded-md bg-ok-bg px-3 py-2 text-sm text-ok">
      <CheckCircle2 size={16} aria-hidden />
      {successText}
    </p>
  );
}
