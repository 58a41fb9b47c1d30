import Link from "next/link";
import { Siren } from "lucide-react";
import type { ReactNode } from "react";
import { ShieldCheck } from "lucide-react";
import { MobileMenu } from "@/components/shell/mobile-menu";
import { NavLinks } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { ROLE_LABELS, type TRole } from "@/lib/auth/roles";
import type { TNavItem } from "@/lib/nav";

type TShellUser = { name: string; email: string; roles: TRole[] };

function UserBlock({ user }: { user: TShellUser }) {
  return (
    <div className="flex flex-col gap-1">
      <Link href="/account" className="rounded-md px-3 py-2 hover:bg-surface-2">
        <span className="block truncate text-sm font-medium">{user.name}</span>
        <span className="block truncate text-xs text-muted">{user.roles.map((r) => ROLE_LABELS[r]).join(", ") || "No roles"}</span>
      </Link>
      <SignOutButton />
    </div>
  );
}

function Brand() {
  return (
    <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
      <ShieldCheck size={22} className="text-accent" aria-hidden />
      OpsDeck
    </Link>
  );
}

/** The signed-in frame: sidebar on desktop, top bar with a slide-in menu on phones. */
export function AppShell({
  user,
  nav,
  theme,
  banner,
  canDeclare = false,
  children,
}: {
  user: TShellUser;
  nav: TNavItem[];
  theme: "system" | "light" | "dark";
  banner?: ReactNode;
  /** Shown to people who may declare incidents: one tap from any page. */
  canDeclare?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:p-2">
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh flex-col gap-6 border-r border-border bg-surface p-4 lg:flex">
        <div className="flex items-center justify-between">
          <Brand />
          <ThemeToggle initial={theme} />
        </div>
        {canDeclare && (
          <Link href="/incidents/new" className="inline-flex min-h-11 items-center justify-center gap-2 rounded-md border border-crit px-3 text-sm font-medium text-crit hover:bg-crit-bg">
            <Siren size={16} aria-hidden /> Declare an incident
          </Link>
        )}
        <nav aria-label="Main" className="flex-1 overflow-y-auto">
          <NavLinks items={nav} />
        </nav>
        <div className="border-t border-border pt-3">
          <UserBlock user={user} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-2 border-b border-border bg-surface/95 px-2 backdrop-blur lg:hidden">
          <MobileMenu items={nav} footer={<UserBlock user={user} />} />
          <Brand />
          <div className="flex items-center">
            {canDeclare && (
              <Link href="/incidents/new" aria-label="Declare an incident" className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md text-crit hover:bg-crit-bg">
                <Siren size={18} aria-hidden />
              </Link>
            )}
            <ThemeToggle initial={theme} />
          </div>
        </header>
        {banner}
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
