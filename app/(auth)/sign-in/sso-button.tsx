"use client";

import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function SsoButton({ label, callbackPath }: { label: string; callbackPath: string }) {
  return (
    <Button type="button" variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl: callbackPath })}>
      Sign in with {label}
    </Button>
  );
}
