"use client";

import { useActionState, useState, type ReactNode } from "react";
import { claimDisputeAction, runOperationAction } from "@/app/(portal)/actions";
import { Button } from "@/components/ui/button";
import { FieldError, FieldErrorsContext, Select } from "@/components/forms/fields";
import { OperationResult } from "@/components/operations/operation-form";
import { useKeepInputUntilDone } from "@/components/forms/use-keep-input";
import type { TActionResult } from "@/lib/operations/result";
import type { TOperationOutcome } from "@/lib/operations/pipeline";

type TState = TActionResult<TOperationOutcome> | null;

/**
 * The queue as one form: tick disputes and assign them (dispute.assign) from the bar on top, or
 * press a row's Claim (dispute.claim). Both go through the operation pipeline; a fresh key per
 * attempt makes a double press run once.
 */
export function DisputeQueueForm({ assignees, canAssign, canUnassign, children }: { assignees: { id: string; name: string }[]; canAssign: boolean; canUnassign: boolean; children: ReactNode }) {
  const [assigned, assignAction, isAssigning] = useActionState<TState, FormData>(runOperationAction.bind(null, "dispute.assign"), null);
  const [claimed, claimAction] = useActionState<TState, FormData>(claimDisputeAction, null);
  // Whichever came back last is the one to show; either coming back means a new key for the next press.
  const [seen, setSeen] = useState(() => ({ assigned, claimed, shown: null as { state: TState; text: string } | null, key: crypto.randomUUID() }));
  if (seen.assigned !== assigned || seen.claimed !== claimed) {
    const shown = seen.claimed !== claimed ? { state: claimed, text: "Claimed: it is yours now." } : seen.assigned !== assigned ? { state: assigned, text: "Assigned." } : seen.shown;
    setSeen({ assigned, claimed, shown, key: crypto.randomUUID() });
  }
  // A row's Claim button submits the same form; its value says which dispute to claim.
  const { ref: formRef, onSubmit } = useKeepInputUntilDone((data, submitter) => {
    if (submitter instanceof HTMLButtonElement && submitter.name === "claim") claimAction(data);
    else assignAction(data);
  }, assigned);
  return (
    <FieldErrorsContext.Provider value={assigned && !assigned.ok ? assigned.fieldErrors : undefined}>
      {/* `action` is for a press before the page is interactive (a POST, never a GET with the fields in the URL). */}
      <form ref={formRef} action={assignAction} onSubmit={onSubmit} aria-label="Dispute queue">
        <input type="hidden" name="_key" value={seen.key} />
        <input type="hidden" name="_revalidate" value="/disputes" />
        {canAssign && (
          <div className="mb-3 flex flex-wrap items-end gap-2 border-b border-border pb-3">
            <Select label="Assign the ticked disputes to" name="assigneeId" defaultValue="" className="min-w-48 flex-1 sm:flex-none">
              <option value="" disabled>
                Choose…
              </option>
              {canUnassign && <option value="none">Nobody (back to the queue)</option>}
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
            <Button type="submit" variant="secondary" disabled={isAssigning}>
              {isAssigning ? "Assigning…" : "Assign"}
            </Button>
            <div className="basis-full empty:hidden">
              <FieldError name="disputes" />
            </div>
          </div>
        )}
        {seen.shown && (
          <div className="mb-3">
            <OperationResult state={seen.shown.state} successText={seen.shown.text} />
          </div>
        )}
        {children}
      </form>
    </FieldErrorsContext.Provider>
  );
}

/** A row's Claim button: the queue form sends its value (the dispute reference) to the claim action. */
export function ClaimButton({ refId, label }: { refId: string; label: string }) {
  return (
    <button type="submit" name="claim" value={refId} aria-label={label} className="inline-flex min-h-11 items-center rounded-md border border-border px-3 text-sm font-medium hover:bg-surface-2">
      Claim
    </button>
  );
}

/** A row's tick box for the bulk assignment. */
export function TickBox({ refId, label }: { refId: string; label: string }) {
  return <input type="checkbox" name="disputes[]" value={refId} aria-label={label} className="h-5 w-5 shrink-0 accent-[var(--accent)]" />;
}
