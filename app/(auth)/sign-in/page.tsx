import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ShieldCheck } from "lucide-react";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/http/safe-redirect";
import { env } from "@/lib/env";
import { SignInForm } from "./sign-in-form";
import { SsoButton } from "./sso-button";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  CredentialsSignin: "Email or password is wrong. After 5 failed attempts in a row an account locks for 15 minutes.",
  SessionRequired: "Please sign in to continue.",
  MfaRequired: "Enter the 6-digit code from your authenticator app.",
  MfaInvalid: "That authenticator code is not right. Try the current one.",
  AccessDenied: "Single sign-on did not let you in: the identity has no verified email, or it matches an account that is disabled or signs in another way.",
  OAuthSignin: "Single sign-on could not start. Try again, or sign in with your password.",
  OAuthCallback: "Single sign-on failed on the way back. Try again, or sign in with your password.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackPath);
  const e = env();
  const initialError = params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : undefined;
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex flex-col items-center gap-2 text-center">
          <ShieldCheck size={36} className="text-accent" aria-hidden />
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to OpsDeck</h1>
          <p className="text-sm text-muted">The operations console for your XRP Ledger and EVM platform.</p>
        </div>
        <div className="rounded-lg border border-border bg-surface p-6 shadow-sm">
          {e.OIDC_ISSUER && (
            <>
              <SsoButton label={e.OIDC_NAME} callbackPath={callbackPath} />
              <p className="my-4 text-center text-xs uppercase tracking-wide text-muted">or with a local account</p>
            </>
          )}
          <SignInForm callbackPath={callbackPath} initialError={initialError} errors={ERRORS} />
        </div>
        {e.OPSDECK_DEMO && (
          <p className="mt-4 text-center text-xs text-muted">
            Demo: <span className="font-mono">operator@opsdeck.local</span> / <span className="font-mono">opsdeck-demo</span> (one account per
            role; see the README)
          </p>
        )}
      </div>
    </main>
  );
}
