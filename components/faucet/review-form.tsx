"use client";

import { useActionState, useState, type ReactNode } from "react";
import { runOperationAction } from "@/app/(portal)/actions";
import { Button } from "@/components/ui/button";
import { FieldError, FieldErrorsContext } from "@/components/forms/fields";
import { OperationResult } from "@/components/operations/operation-form";
import { useKeepInputUntilDone } from "@/components/forms/use-keep-input";
import type { TActionResult } from "@/lib/operations/result";
import type { TOperationOutcome } from "@/lib/operations/pipeline";

type TState = TActionResult<TOperationOutcome> | null;

/** The review queue as one form: tick requests, then approve or reject them together (faucet.review). */
export function FaucetReviewForm({ children }: { children: ReactNode }) {
  const [state, action, isPending] = useActionState<TState, FormData>(runOperationAction.bind(null, "faucet.review"), null);
  const [seen, setSeen] = useState(() => ({ state, key: crypto.randomUUID() }));
  if (seen.state !== state) setSeen({ state, key: crypto.randomUUID() });
  const { ref, onSubmit } = useKeepInputUntilDone((data) => action(data), state);
  return (
    <FieldErrorsContext.Provider value={state && !state.ok ? state.fieldErrors : undefined}>
      <form ref={ref} action={action} onSubmit={onSubmit} aria-label="Review queue">
        <input type="hidden" name="_key" value={seen.key} />
        <input type="hidden" name="_revalidate" value="/faucet" />
        {children}
        <FieldError name="requests" />
        <div className="mt-3">
          <OperationResult state={state} successText="Decided." />
        </div>
        <div className="mt-3 grid grid-cols-2 gap-2 sm:flex">
          <Button type="submit" name="decision" value="approve" disabled={isPending}>
            Approve ticked
          </Button>
          <Button type="submit" name="decision" value="reject" variant="danger" disabled={isPending}>
            Reject ticked
          </Button>
        </div>
      </form>
    </FieldErrorsContext.Provider>
  );
}
