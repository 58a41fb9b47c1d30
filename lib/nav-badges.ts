import "server-only";
import { db } from "@/lib/db/client";
import type { TCurrentUser } from "@/lib/auth/session";
import { DASHBOARD_TTL_MS, sharedRead } from "@/lib/cache/shared-read";
import { countOverdue } from "@/lib/secrets/schedule";
import { countFailingChecks } from "@/lib/daily/queries";
import { countOverdueMaintenance } from "@/lib/maintenance/schedule";
import { countWaitingFor } from "@/lib/approvals/queries";
import { countLoudFiring } from "@/lib/alerts/queries";
import { readPauseNotice } from "@/lib/chains/status";
import { countOpenIncidents, listMajorOpenIncidents } from "@/lib/incidents/queries";
import { countMyOpenDisputes } from "@/lib/disputes/queue";
import { countFaucetReview } from "@/lib/faucet/queries";

/**
 * What the signed-in frame shows around every page: the navigation's counts and the banners. Ten
 * reads on every page view, so they are shared by this person's concurrent requests for a moment.
 */
export function readNavBadges(user: TCurrentUser) {
  return sharedRead(`nav:${user.id}:${user.roles.join(",")}`, DASHBOARD_TTL_MS, async () => {
    const [waiting, pauseNotice, firing, major, openBySeverity, myDisputes, faucetReview, secretsOverdue, failingChecks, maintenanceOverdue] = await Promise.all([
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
    ]);
    const openIncidents = Object.values(openBySeverity).reduce((a, b) => a + (b ?? 0), 0);
    return {
      pauseNotice,
      major,
      badges: { "/approvals": waiting, "/alerts": firing, "/incidents": openIncidents, "/disputes": myDisputes, "/faucet": faucetReview, "/secrets": secretsOverdue, "/daily": failingChecks, "/maintenance": maintenanceOverdue },
    };
  });
}
