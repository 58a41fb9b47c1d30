import type { ReactNode } from "react";

/** Says what is missing and what to do next; never stands in for numbers we do not have. */
export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-md border border-dashed border-border px-4 py-8 text-center">
      {icon && <div className="text-muted" aria-hidden>{icon}</div>}
      <p className="text-sm font-medium">{title}</p>
      {children && <div className="max-w-prose text-sm text-muted">{children}</div>}
      {action}
    </div>
  );
}
