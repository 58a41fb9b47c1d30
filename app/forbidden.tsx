import Link from "next/link";
import { headers } from "next/headers";
import { ShieldX } from "lucide-react";
import { ROLE_LABELS, routeRule } from "@/lib/auth/roles";
import { buttonClass } from "@/components/ui/button";

// Rendered with HTTP 403 when a page calls forbidden(): names the page and the roles it needs.
export default async function Forbidden() {
  const path = (await headers()).get("x-opsdeck-path") ?? "/";
  const rule = routeRule(path);
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <ShieldX size={40} className="text-crit" aria-hidden />
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="text-sm text-muted">
        {rule ? (
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
