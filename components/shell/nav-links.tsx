"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { BellRing, Blocks, CheckSquare, Network, LayoutDashboard, ScrollText, SlidersHorizontal, UserCog, UserRound, Siren, ListChecks, Scale, Droplets, Landmark, KeyRound, ClipboardCheck, BarChart3, Wrench, Gauge } from "lucide-react";
import { isActive, type TNavItem } from "@/lib/nav";
import { cn } from "@/components/ui/cn";

const ICONS = { overview: LayoutDashboard, incidents: Siren, runbooks: ListChecks, chains: Blocks, disputes: Scale, faucet: Droplets, treasury: Landmark, secrets: KeyRound, daily: ClipboardCheck, business: BarChart3, maintenance: Wrench, capacity: Gauge, services: Network, alerts: BellRing, approvals: CheckSquare, thresholds: SlidersHorizontal, audit: ScrollText, users: UserCog, account: UserRound } as const;

export function NavLinks({ items, onNavigate }: { items: TNavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-1">
      {items.map((item) => {
        const Icon = ICONS[item.icon];
        const active = isActive(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex min-h-11 items-center gap-3 rounded-md px-3 text-sm font-medium",
                active ? "bg-accent/10 text-accent" : "text-muted hover:bg-surface-2 hover:text-fg",
              )}
            >
              <Icon size={18} aria-hidden />
              <span className="flex-1">{item.label}</span>
              {!!item.badge && (
                <span className="rounded-full bg-crit px-2 py-0.5 text-xs font-semibold text-white" aria-label={`${item.badge} ${item.badgeLabel ?? ""}`.trim()}>
                  {item.badge}
                </span>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
