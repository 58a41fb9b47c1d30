import { cookies } from "next/headers";
import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/session";
import { navFor } from "@/lib/nav";
import { countWaitingFor } from "@/lib/approvals/queries";
import { countLoudFiring } from "@/lib/alerts/queries";
import { db } from "@/lib/db/client";
import { readPauseNotice } from "@/lib/chains/status";
import { EscrowPauseBanner } from "@/components/shell/escrow-pause-banner";

// The signed-in frame. It only decides what the navigation shows: every page checks its own
// access with requireRoute(), because layouts do not re-render on client navigation.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const theme = (await cookies()).get("opsdeck-theme")?.value;
  const [waiting, pauseNotice, firing] = await Promise.all([countWaitingFor(user), readPauseNotice(db), countLoudFiring(user)]);
  return (
    <AppShell
      user={user}
      nav={navFor(user.roles, { "/approvals": waiting, "/alerts": firing })}
      theme={theme === "light" || theme === "dark" ? theme : "system"}
      // Announcements across the portal: the escrow's emergency pause (the incidents module adds open P0/P1s here).
      banner={pauseNotice ? <EscrowPauseBanner notice={pauseNotice} /> : null}
    >
      {children}
    </AppShell>
  );
}
