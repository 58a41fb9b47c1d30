"use client";

import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";

// The reference is the digest Next.js logs with the server error (instrumentation.ts), so
// whoever reads the logs can find the cause from what the user reports.
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-center gap-4 py-16 text-center">
      <AlertTriangle size={36} className="text-warn" aria-hidden />
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="text-sm text-muted">
        This page could not be shown. Try again; if it keeps failing, give this reference to whoever is on call:
      </p>
      <code className="rounded bg-surface-2 px-2 py-1 font-mono text-sm">ref {error.digest ?? "unknown"}</code>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
