import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type TSectionTab = { href: string; label: string };

/** An area's pages as one row of tabs (two columns on a phone rather than a sideways scroll). */
export function SectionTabs({ label, tabs, current, canSee = () => true }: { label: string; tabs: readonly TSectionTab[]; current: string; canSee?: (href: string) => boolean }) {
  return (
    <nav aria-label={label} className="mb-4 grid grid-cols-2 gap-1 sm:flex">
      {tabs.filter((t) => canSee(t.href)).map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? "page" : undefined}
          className={cn("inline-flex min-h-11 items-center justify-center rounded-md px-3 text-sm font-medium sm:justify-start", t.href === current ? "bg-accent text-accent-fg" : "text-muted hover:bg-surface-2")}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
