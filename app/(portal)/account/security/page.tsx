import type { Metadata } from "next";
import { ShieldCheck } from "lucide-react";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/format/time";
import { Field } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { requireRoute } from "@/lib/auth/session";
import { getMfaState } from "@/lib/users/security";

export const metadata: Metadata = { title: "Two-step sign-in" };

export default async function SecurityPage() {
  const user = await requireRoute("/account");
  const mfa = await getMfaState(user);
  const here = ["/account/security"];
  return (
    <>
      <PageHeader title="Two-step sign-in" description="A code from an authenticator app on your phone, asked at every sign-in and when you approve critical requests." />
      {user.mfaSetupRequired && (
        <p role="alert" className="mb-4 rounded-md bg-warn-bg px-3 py-2 text-sm text-warn">
          Approvers and admins must use two-step sign-in here. Set it up to continue; nothing else opens until then.
        </p>
      )}
      <Card className="max-w-xl">
        {mfa.state === "off" && (
          <OperationForm operationId="account.mfa.begin" submitLabel="Set up two-step sign-in" revalidate={here} successText="Scan the code below.">
            <p className="text-sm text-muted">Install an authenticator app (any TOTP app works), then start here.</p>
          </OperationForm>
        )}
        {mfa.state === "pending" && (
          <div className="flex flex-col gap-4">
            <p className="text-sm">1. Scan this code with your authenticator app, or type the key by hand.</p>
            {/* eslint-disable-next-line @next/next/no-img-element -- a generated data URL, not an asset to optimise */}
            <img src={mfa.qrDataUrl} alt="QR code for your authenticator app" width={220} height={220} className="rounded bg-white p-2" />
            <code className="break-all rounded bg-surface-2 px-2 py-1 font-mono text-sm" data-testid="mfa-secret">{mfa.secret}</code>
            <OperationForm operationId="account.mfa.enable" submitLabel="Turn on" revalidate={here} successText="Two-step sign-in is on.">
              <Field label="2. Enter the 6-digit code it shows" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
            </OperationForm>
          </div>
        )}
        {mfa.state === "on" && (
          <div className="flex flex-col gap-4">
            <p className="flex items-center gap-2 text-sm text-ok">
              <ShieldCheck size={18} aria-hidden /> On since <Time value={mfa.since} />
            </p>
            {mfa.isRequired ? (
              <p className="text-sm text-muted">Your roles require it, so it cannot be turned off.</p>
            ) : (
              <OperationForm operationId="account.mfa.disable" submitLabel="Turn off" variant="danger" revalidate={here} successText="Two-step sign-in is off.">
                <Field label="Current code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
              </OperationForm>
            )}
          </div>
        )}
      </Card>
    </>
  );
}
