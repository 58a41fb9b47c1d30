import { NextResponse, type NextRequest } from "next/server";

// Runs before every page and API request. It only (1) tags the request with an id and its path
// for logs and the "Not allowed" page, and (2) sends requests without any session cookie to
// sign-in. Real permission checks happen next to the data (lib/auth/session.ts).

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PUBLIC_PREFIXES = ["/sign-in", "/api/"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requestId = request.headers.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();

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

  const forwarded = new Headers(request.headers);
  forwarded.set("x-request-id", requestId);
  forwarded.set("x-opsdeck-path", pathname);
  const res = NextResponse.next({ request: { headers: forwarded } });
  res.headers.set("x-request-id", requestId);
  return res;
}

export const config = {
  // Everything but static assets.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
