import { z } from "zod";
import { defineOperation } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { ROLES } from "@/lib/auth/roles";
import { decryptSecret, encryptSecret, newTotpSecret, verifyTotp } from "@/lib/auth/mfa";
import { MFA_ROLES } from "@/lib/auth/credentials";
import { env } from "@/lib/env";

// A person's own second factor. The secret is generated and stored encrypted on the server; it
// is shown only on the set-up page to its owner and never leaves in results or audit events.

const ZCode = z.object({ code: z.string().trim().regex(/^\d{6}$/, "Enter the 6-digit code from your app") });

export const beginMfa = defineOperation({
  id: "account.mfa.begin",
  title: "Start setting up two-step sign-in",
  description: "Creates a new authenticator secret for your account, to be confirmed with a code.",
  risk: "low",
  input: z.object({}).strict(),
  allowed: ROLES,
  approval: null,
  target: () => ({ type: "user", id: "self" }),
  async execute({ tx, requester }) {
    const user = await tx.user.findUniqueOrThrow({ where: { id: requester.id }, select: { mfaEnabledAt: true } });
    if (user.mfaEnabledAt) throw new OperationError("CONFLICT", "Two-step sign-in is already on; turn it off first to replace it");
    await tx.user.update({ where: { id: requester.id }, data: { mfaSecretEnc: encryptSecret(newTotpSecret()) } });
    return { started: true };
  },
});

export const enableMfa = defineOperation({
  id: "account.mfa.enable",
  title: "Turn on two-step sign-in",
  description: "Confirms the authenticator app with a current code.",
  risk: "medium",
  input: ZCode,
  allowed: ROLES,
  approval: null,
  target: () => ({ type: "user", id: "self" }),
  async execute({ tx, requester }, input) {
    const user = await tx.user.findUniqueOrThrow({ where: { id: requester.id }, select: { mfaSecretEnc: true, mfaEnabledAt: true } });
    if (user.mfaEnabledAt) throw new OperationError("CONFLICT", "Two-step sign-in is already on");
    if (!user.mfaSecretEnc) throw new OperationError("CONFLICT", "Start the set-up first");
    if (!(await verifyTotp(decryptSecret(user.mfaSecretEnc), input.code))) {
      throw new OperationError("INVALID_INPUT", "That code is not right", { code: ["That code is not right; enter the current one"] });
    }
    await tx.user.update({ where: { id: requester.id }, data: { mfaEnabledAt: new Date() } });
    await tx.userSession.updateMany({ where: { userId: requester.id, mfaPending: true }, data: { mfaPending: false } });
    return { enabled: true };
  },
});

export const disableMfa = defineOperation({
  id: "account.mfa.disable",
  title: "Turn off two-step sign-in",
  description: "Removes the authenticator from your account. Approvers and admins cannot when it is required.",
  risk: "medium",
  input: ZCode,
  allowed: ROLES,
  approval: null,
  authorize: (actor) => (env().REQUIRE_MFA && actor.roles.some((r) => MFA_ROLES.includes(r)) ? "Your roles require two-step sign-in; it cannot be turned off" : null),
  target: () => ({ type: "user", id: "self" }),
  async execute({ tx, requester }, input) {
    const user = await tx.user.findUniqueOrThrow({ where: { id: requester.id }, select: { mfaSecretEnc: true, mfaEnabledAt: true } });
    if (!user.mfaEnabledAt || !user.mfaSecretEnc) throw new OperationError("CONFLICT", "Two-step sign-in is not on");
    if (!(await verifyTotp(decryptSecret(user.mfaSecretEnc), input.code))) {
      throw new OperationError("INVALID_INPUT", "That code is not right", { code: ["That code is not right; enter the current one"] });
    }
    await tx.user.update({ where: { id: requester.id }, data: { mfaEnabledAt: null, mfaSecretEnc: null } });
    return { enabled: false };
  },
});
