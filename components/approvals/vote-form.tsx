"use client";

import { useActionState, useState } from "react";
import { voteAction } from "@/app/(portal)/actions";
import { Button } from "@/components/ui/button";
import { Field, FieldErrorsContext, TextArea } from "@/components/forms/fields";
import { useKeepInputUntilDone } from "@/components/forms/use-keep-input";
import type { TActionResult } from "@/lib/operations/result";
import type { TVoteOutcome } from "@/lib/operations/approvals";

type TState = TActionResult<TVoteOutcome> | null;

const DONE: Record<string, string> = {
  recorded: "Your approval is recorded.",
  rejected: "You rejected the request; it is closed.",
  executed: "Approved — the change has been carried out.",
  pending_approval: "Recorded.",
};

/** Approve or reject. Critical requests ask for the password (or authenticator code) again. */
export function VoteForm({ requestId, isCritical }: { requestId: string; isCritical: boolean }) {
  const [state, formAction, isPending] = useActionState<TState, FormData>(voteAction.bind(null, requestId), null);
  const [isRejecting, setRejecting] = useState(false);
  const needsConfirm = isCritical || (state && !state.ok && state.code === "REAUTH_REQUIRED");
  // A refused vote (a mistyped password) keeps the rejection reason typed so far.
  const { ref: formRef, onSubmit } = useKeepInputUntilDone((data) => formAction(data), state);

  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-ok-bg px-3 py-2 text-sm text-ok">
        {DONE[state.data.status] ?? "Recorded."}
      </p>
    );
  }
  return (
    <FieldErrorsContext.Provider value={state && !state.ok ? state.fieldErrors : undefined}>
      <form ref={formRef} action={formAction} onSubmit={onSubmit} className="flex flex-col gap-4">
        {isRejecting && <TextArea label="Why do you reject it? (shown to the requester)" name="reason" required minLength={5} />}
        {needsConfirm && !isRejecting && (
          <Field label="Confirm with your password or authenticator code" name="confirm" type="password" autoComplete="current-password" hint="Critical requests need a fresh confirmation (valid for 5 minutes)." />
        )}
        {state && !state.ok && (
          <p role="alert" className="rounded-md bg-crit-bg px-3 py-2 text-sm text-crit">
            {state.error}
          </p>
        )}
        <div className="grid grid-cols-2 gap-2 sm:flex">
          {isRejecting ? (
            <>
              <Button type="button" variant="secondary" onClick={() => setRejecting(false)}>
                Back
              </Button>
              <Button type="submit" name="decision" value="reject" variant="danger" disabled={isPending}>
                {isPending ? "Working…" : "Reject request"}
              </Button>
            </>
          ) : (
            <>
              <Button type="button" variant="secondary" onClick={() => setRejecting(true)}>
                Reject…
              </Button>
              <Button type="submit" name="decision" value="approve" disabled={isPending}>
                {isPending ? "Working…" : "Approve"}
              </Button>
            </>
          )}
        </div>
      </form>
    </FieldErrorsContext.Provider>
  );
}
