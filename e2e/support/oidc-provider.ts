import { freePort } from "./ports";
import type { Server } from "node:http";

export type TIdentity = { email: string; name: string; groups: string[]; emailVerified?: boolean };

/**
 * A real OpenID provider (oidc-provider, the certified implementation) on a free local port, with
 * one confidential client for OpsDeck and its built-in login and consent pages. The login name
 * typed on its page picks the identity.
 */
export async function startOidcProvider({ redirectUri, identities }: { redirectUri: string; identities: Record<string, TIdentity> }) {
  const { Provider } = await import("oidc-provider");
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const client = { client_id: "opsdeck", client_secret: "opsdeck-test-client-secret-0123456789" };
  const provider = new Provider(issuer, {
    clients: [{ ...client, redirect_uris: [redirectUri], grant_types: ["authorization_code"], response_types: ["code"] }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    cookies: { keys: ["oidc-test-cookie-key-0123456789abcdef"] },
    // Put the scopes' claims (email, groups) in the ID token, as company IdPs are set up to.
    features: { devInteractions: { enabled: true } },
    conformIdTokenClaims: false,
    async findAccount(_ctx: unknown, id: string) {
      const who = identities[id];
      if (!who) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: who.email, email_verified: who.emailVerified ?? true, name: who.name, groups: who.groups };
        },
      };
    },
  });
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(port, "127.0.0.1", () => resolve(s));
  });
  return { issuer, ...client, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
