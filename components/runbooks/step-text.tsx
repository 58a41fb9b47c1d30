import { CopyCommand } from "@/components/runbooks/copy-command";
import type { TRunbookStep } from "@/lib/runbooks/types";

/** A step's instruction (blank lines separate paragraphs) and its commands to copy. */
export function StepText({ step }: { step: TRunbookStep }) {
  return (
    <div className="flex flex-col gap-2 text-sm">
      {step.instruction?.split(/\n\s*\n/).map((p, i) => (
        <p key={i} className="whitespace-pre-wrap break-words">
          {p}
        </p>
      ))}
      {step.commands?.map((c) => <CopyCommand key={c} command={c} />)}
    </div>
  );
}
