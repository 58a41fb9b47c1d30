import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import { signInWithOidc, type TOidcProfile } from "@/lib/auth/oidc";
import { clientInfo } from "@/lib/http/request-context";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { signInWithPassword } from "@/lib/auth/credentials";
import { clientAddress } from "@/lib/http/client-address";

export const OIDC_PROVIDER_ID = "oidc";

/** The company's OpenID provider, when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
function oidcProviders(): Provider[] {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: e.OIDC_SCOPES } },
      // Identity (email, groups) is read from the signed ID token; the provider must release the
      // email and groups claims there (most do when the scopes ask for them).
      idToken: true,
      checks: ["pkce", "state"],
      profile: (p: TOidcProfile) => ({ id: p.sub, email: p.email ?? null, name: typeof p.name === "string" ? p.name : null }),
    },
  ];
}

// Sessions are JWTs that carry only the UserSession id; every request checks that row
// (lib/auth/session.ts), so revocation and disabling take effect at once.
export function authOptions(): NextAuthOptions {
  const idleSeconds = Math.round(env().SESSION_IDLE_HOURS * 3600);
  return {
    secret: env().NEXTAUTH_SECRET ?? "opsdeck-development-secret-not-for-production",
    session: { strategy: "jwt", maxAge: idleSeconds, updateAge: 15 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      ...oidcProviders(),
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Authenticator code", type: "text" },
        },
        async authorize(credentials, req) {
          const headers = new Headers(req.headers as Record<string, string>);
          const result = await signInWithPassword(
            db,
            credentials,
            { ip: clientAddress(headers, env().TRUSTED_PROXIES), userAgent: headers.get("user-agent"), requestId: headers.get("x-request-id") },
            { requireMfa: env().REQUIRE_MFA },
          );
          log.info({ event: "auth.sign_in", ok: result.ok, reason: result.ok ? undefined : result.reason, requestId: headers.get("x-request-id") }, "sign-in attempt");
          if (!result.ok) {
            // next-auth reports a thrown error's message to the sign-in page as ?error=<message>.
            // A locked account answers like a wrong password: only existing accounts can lock, so
            // saying "locked" would tell a stranger which emails exist (the audit log has the truth).
            if (result.reason === "mfa_required") throw new Error("MfaRequired");
            if (result.reason === "mfa_invalid") throw new Error("MfaInvalid");
            return null;
          }
          return { id: result.userId, sessionId: result.sessionId };
        },
      }),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const e = env();
        const result = await signInWithOidc(db, {
          requireMfa: e.REQUIRE_MFA,
          profile: profile as TOidcProfile,
          issuer: e.OIDC_ISSUER!,
          groupsClaim: e.OIDC_GROUPS_CLAIM,
          roleMap: e.OIDC_ROLE_MAP,
          client: await clientInfo(),
        });
        if (!result.ok) return false;
        // The JWT callback below receives this same object: it carries OpsDeck's ids, not the IdP's.
        user.id = result.userId;
        (user as { sessionId?: string }).sessionId = result.sessionId;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sid = (user as { sessionId?: string }).sessionId;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, sid: token.sid as string | undefined, uid: token.sub };
      },
    },
    events: {
      async signOut({ token }) {
        const sid = token?.sid;
        if (typeof sid === "string") {
          await db.userSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: new Date() } });
        }
      },
    },
  };
}
