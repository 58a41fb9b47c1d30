import Link from "next/link";
import { cn } from "@/components/ui/cn";

type TOption = { value: string | undefined; label: string };

/** A row of links that set one search parameter and keep the others (works without JavaScript). */
export function FilterChips({ label, param, options, current, params }: { label: string; param: string; options: TOption[]; current: string | undefined; params: Record<string, string | undefined> }) {
  const href = (value: string | undefined) => {
    const next = new URLSearchParams(Object.entries({ ...params, [param]: value }).filter((e): e is [string, string] => !!e[1]));
    const qs = next.toString();
    return qs ? `/alerts?${qs}` : "/alerts";
  };
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1 rounded-lg border border-border bg-surface p-1">
      {options.map((o) => {
        const isCurrent = o.value === current;
        return (
          <Link
            key={o.label}
            href={href(o.value)}
            aria-current={isCurrent ? "page" : undefined}
            className={cn("flex min-h-11 flex-1 items-center justify-center whitespace-nowrap rounded-md px-3 text-sm font-medium", isCurrent ? "bg-accent text-accent-fg" : "text-muted hover:bg-surface-2")}
          >
            {o.label}
          </Link>
        );
      })}
    </nav>
  );
}
