import Link from "next/link";
import { cn } from "@/components/ui/cn";

const TABS = [
  { href: "/disputes", label: "Queue" },
  { href: "/disputes/watch", label: "RB-04 watch" },
  { href: "/disputes/blacklist", label: "Blacklist" },
  { href: "/disputes/arbitrators", label: "Arbitrators" },
] as const;

/** The dispute area's pages, one row of tabs that scrolls sideways on a phone rather than wrapping. */
export function DisputeTabs({ current, canSee = () => true }: { current: (typeof TABS)[number]["href"]; canSee?: (href: string) => boolean }) {
  return (
    <nav aria-label="Dispute pages" className="mb-4 grid grid-cols-2 gap-1 sm:flex">
      {TABS.filter((t) => canSee(t.href)).map((t) => (
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
