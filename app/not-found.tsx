import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <p className="font-mono text-sm text-muted">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-sm text-muted">The address may be mistyped, or the thing it pointed to no longer exists.</p>
      <Link href="/" className={buttonClass("secondary")}>
        Back to the overview
      </Link>
    </main>
  );
}
