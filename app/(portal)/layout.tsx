import { cookies } from "next/headers";
import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/session";
import { navFor } from "@/lib/nav";
import { countOverdue } from "@/lib/secrets/schedule";
import { countFailingChecks } from "@/lib/daily/queries";
import { countOverdueMaintenance } from "@/lib/maintenance/schedule";
import { countWaitingFor } from "@/lib/approvals/queries";
import { countLoudFiring } from "@/lib/alerts/queries";
import { db } from "@/lib/db/client";
import { DASHBOARD_TTL_MS, sharedRead } from "@/lib/cache/shared-read";
import { readPauseNotice } from "@/lib/chains/status";
import { EscrowPauseBanner } from "@/components/shell/escrow-pause-banner";
import { INCIDENT_ROLES } from "@/lib/auth/roles";
import { IncidentBanner } from "@/components/shell/incident-banner";
import { countOpenIncidents, listMajorOpenIncidents } from "@/lib/incidents/queries";
import { countMyOpenDisputes } from "@/lib/disputes/queue";
import { countFaucetReview } from "@/lib/faucet/queries";

// The signed-in frame. It only decides what the navigation shows: every page checks its own
// access with requireRoute(), because layouts do not re-render on client navigation.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const theme = (await cookies()).get("opsdeck-theme")?.value;
  // Ten counts on every page view: shared by this person's concurrent requests for two seconds.
  const [waiting, pauseNotice, firing, major, openBySeverity, myDisputes, faucetReview, secretsOverdue, failingChecks, maintenanceOverdue] = await sharedRead(`nav:${user.id}:${user.roles.join(",")}`, DASHBOARD_TTL_MS, () =>
    Promise.all([
      countWaitingFor(user),
      readPauseNotice(db),
      countLoudFiring(user),
      listMajorOpenIncidents(),
      countOpenIncidents(),
      countMyOpenDisputes(db, user),
      countFaucetReview(db, user),
      countOverdue(db, user),
      countFailingChecks(db, user),
      countOverdueMaintenance(db, user),
    ]),
  );
  const openIncidents = Object.values(openBySeverity).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <AppShell
      user={user}
      nav={navFor(user.roles, { "/approvals": waiting, "/alerts": firing, "/incidents": openIncidents, "/disputes": myDisputes, "/faucet": faucetReview, "/secrets": secretsOverdue, "/daily": failingChecks, "/maintenance": maintenanceOverdue })}
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
