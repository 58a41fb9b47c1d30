import Link from "next/link";
import { headers } from "next/headers";
import { ShieldX } from "lucide-react";
import { ROLE_LABELS, canOpen, routeRule } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/auth/session";
import { adminNetworkRefusal } from "@/lib/auth/admin-network";
import { clientInfo } from "@/lib/http/request-context";
import { env } from "@/lib/env";
import { buttonClass } from "@/components/ui/button";

// Rendered with HTTP 403 when a page calls forbidden(): names the page and the roles it needs.
export default async function Forbidden() {
  const path = (await headers()).get("x-opsdeck-path") ?? "/";
  const rule = routeRule(path);
  const user = await getCurrentUser();
  const networkRefusal = user && rule && canOpen(path, user.roles) ? adminNetworkRefusal((await clientInfo()).ip, env().ADMIN_ALLOWED_IPS) : null;
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <ShieldX size={40} className="text-crit" aria-hidden />
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="text-sm text-muted">
        {networkRefusal ? (
          networkRefusal + "."
        ) : rule ? (
          <>
            Opening <strong className="text-fg">{rule.title}</strong> needs the{" "}
            {rule.roles.map((r) => ROLE_LABELS[r]).join(" or ")} role.
          </>
        ) : (
          "Your roles do not open this page."
        )}{" "}
        Ask an admin if you need it.
      </p>
      <Link href="/" className={buttonClass("secondary")}>
        Back to the overview
      </Link>
    </main>
  );
}
