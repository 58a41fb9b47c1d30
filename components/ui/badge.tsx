import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type TTone = "neutral" | "ok" | "warn" | "crit" | "info";

const TONES: Record<TTone, string> = {
  neutral: "bg-surface-2 text-muted border-border",
  ok: "bg-ok-bg text-ok border-transparent",
  warn: "bg-warn-bg text-warn border-transparent",
  crit: "bg-crit-bg text-crit border-transparent",
  info: "bg-info-bg text-info border-transparent",
};

export function Badge({ tone = "neutral", children, className }: { tone?: TTone; children: ReactNode; className?: string }) {
  return (
    <span className={cn("inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium [overflow-wrap:normal]", TONES[tone], className)}>
      {children}
    </span>
  );
}
