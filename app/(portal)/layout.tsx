import { cookies } from "next/headers";
import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/session";
import { navFor } from "@/lib/nav";
import { countWaitingFor } from "@/lib/approvals/queries";

// The signed-in frame. It only decides what the navigation shows: every page checks its own
// access with requireRoute(), because layouts do not re-render on client navigation.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const theme = (await cookies()).get("opsdeck-theme")?.value;
  const waiting = await countWaitingFor(user);
  return (
    <AppShell
      user={user}
      nav={navFor(user.roles, { "/approvals": waiting })}
      theme={theme === "light" || theme === "dark" ? theme : "system"}
      // Incident banner slot: the incidents module renders the open P0/P1 banner here.
      banner={null}
    >
      {children}
    </AppShell>
  );
}
