"use client";

import { useActionState } from "react";
import { ShieldAlert, ShieldCheck } from "lucide-react";
import { verifyAuditAction } from "@/app/(portal)/actions";
import { Button } from "@/components/ui/button";

type TState = Awaited<ReturnType<typeof verifyAuditAction>> | null;

export function VerifyIntegrity() {
  const [state, action, isPending] = useActionState<TState, FormData>(() => verifyAuditAction(), null);
  return (
    <form action={action} className="flex flex-col gap-2 sm:flex-row sm:items-center">
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? "Checking every event…" : "Verify integrity"}
      </Button>
      {state && !state.ok && (
        <p role="alert" className="text-sm text-crit">
          {state.error}
        </p>
      )}
      {state?.ok && state.data.intact && (
        <p role="status" className="flex items-center gap-2 text-sm text-ok">
          <ShieldCheck size={16} aria-hidden /> Intact, {state.data.events.toLocaleString("en")} events
        </p>
      )}
      {state?.ok && !state.data.intact && (
        <p role="alert" className="flex items-center gap-2 text-sm text-crit">
          <ShieldAlert size={16} aria-hidden /> Broken at event {state.data.brokenAt?.id} ({state.data.brokenAt?.at}): {state.data.brokenAt?.problem}
        </p>
      )}
    </form>
  );
}
