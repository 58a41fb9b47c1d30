"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";

/** A command to run by hand (OpsDeck never runs shell commands on servers), with a copy button. */
export function CopyCommand({ command }: { command: string }) {
  const [isCopied, setCopied] = useState(false);
  return (
    <div className="flex items-start gap-2 rounded-md bg-surface-2 p-2">
      <pre className="min-w-0 flex-1 overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs">{command}</pre>
      <button
        type="button"
        className="inline-flex min-h-11 min-w-11 shrink-0 items-center justify-center rounded-md text-muted hover:bg-surface hover:text-fg"
        aria-label={isCopied ? "Copied" : "Copy command"}
        onClick={async () => {
          await navigator.clipboard?.writeText(command).catch(() => undefined);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        }}
      >
        {isCopied ? <Check size={16} aria-hidden /> : <Copy size={16} aria-hidden />}
      </button>
    </div>
  );
}
