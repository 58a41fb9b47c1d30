import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth's standard endpoints: /api/auth/csrf, /api/auth/callback/credentials, /api/auth/session…
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, { params: await ctx.params });
}

export { handler as GET, handler as POST };
