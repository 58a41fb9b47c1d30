import { cookies } from "next/headers";
import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/session";
import { navFor } from "@/lib/nav";
import { readNavBadges } from "@/lib/nav-badges";
import { EscrowPauseBanner } from "@/components/shell/escrow-pause-banner";
import { INCIDENT_ROLES } from "@/lib/auth/roles";
import { IncidentBanner } from "@/components/shell/incident-banner";

// The signed-in frame. It only decides what the navigation shows: every page checks its own
// access with requireRoute(), because layouts do not re-render on client navigation.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const theme = (await cookies()).get("opsdeck-theme")?.value;
  const { badges, pauseNotice, major } = await readNavBadges(user);
  return (
    <AppShell
      user={user}
      nav={navFor(user.roles, badges)}
      canDeclare={INCIDENT_ROLES.some((r) => user.roles.includes(r))}
      theme={theme === "light" || theme === "dark" ? theme : "system"}
      // Announcements across the portal: open P0/P1 incidents and the escrow's emergency pause.
      banner={
        major.length || pauseNotice ? (
          <>
            {major.length > 0 && <IncidentBanner incidents={major} />}
            {pauseNotice && <EscrowPauseBanner notice={pauseNotice} />}
          </>
        ) : null
      }
    >
      {children}
    </AppShell>
  );
}
