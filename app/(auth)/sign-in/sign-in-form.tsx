"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

const inputClass =
  "mt-1 block min-h-11 w-full rounded-md border border-border bg-bg px-3 text-base text-fg placeholder:text-muted focus:border-accent";

export function SignInForm({ callbackPath, initialError, errors }: { callbackPath: string; initialError?: string; errors: Record<string, string> }) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [isPending, setPending] = useState(false);
  const [needsCode, setNeedsCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      code: String(form.get("code") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      if (result?.error === "MfaRequired" || result?.error === "MfaInvalid") setNeedsCode(true);
      setError(errors[result?.error ?? ""] ?? "Sign-in failed. Try again.");
      return;
    }
    router.replace(callbackPath);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <label className="text-sm font-medium">
        Email
        <input name="email" type="email" autoComplete="username" required className={inputClass} />
      </label>
      <label className="text-sm font-medium">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </label>
      {needsCode && (
        <label className="text-sm font-medium">
          Authenticator code
          <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required autoFocus className={inputClass} />
        </label>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-crit-bg px-3 py-2 text-sm text-crit">
          {error}
        </p>
      )}
      <Button type="submit" disabled={isPending}>
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
