import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isCrossOriginWrite } from "@/lib/http/security-headers";

// Runs before every page and API request. It (1) tags the request with an id and its path for
// logs and the "Not allowed" page, (2) sets the Content-Security-Policy with a fresh nonce,
// (3) refuses API writes from other sites, and (4) sends requests without any session cookie to
// sign-in. Real permission checks happen next to the data (lib/auth/session.ts). Server actions
// get Next.js's own Origin check.

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PUBLIC_PREFIXES = ["/sign-in", "/api/"];
/** Public endpoints other sites call from the browser on purpose (no cookies, their own limits). */
const CROSS_SITE_API = ["/api/faucet"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requestId = request.headers.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();
  const isTls = request.nextUrl.protocol === "https:";

  const isCrossSiteApi = CROSS_SITE_API.some((p) => pathname === p || pathname.startsWith(p + "/"));
  if (pathname.startsWith("/api/") && !isCrossSiteApi && isCrossOriginWrite({ method: request.method, origin: request.headers.get("origin"), host: request.headers.get("host") })) {
    return NextResponse.json({ ok: false, code: "FORBIDDEN", error: "Cross-origin writes are refused" }, { status: 403, headers: { "x-request-id": requestId } });
  }

  const isPublic = PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p));
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!isPublic && !hasSessionCookie) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    const res = NextResponse.redirect(url);
    res.headers.set("x-request-id", requestId);
    return res;
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({ nonce, isTls, isDev: process.env.NODE_ENV === "development" });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-request-id", requestId);
  forwarded.set("x-opsdeck-path", pathname);
  // Next.js reads the nonce from this request header and puts it on its own scripts.
  forwarded.set("content-security-policy", csp);
  forwarded.set("x-nonce", nonce);
  const res = NextResponse.next({ request: { headers: forwarded } });
  res.headers.set("x-request-id", requestId);
  res.headers.set("content-security-policy", csp);
  if (isTls) res.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  return res;
}

export const config = {
  // Everything but static assets.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
