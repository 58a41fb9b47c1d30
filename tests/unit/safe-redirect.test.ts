import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/http/safe-redirect";
import { clientAddress } from "@/lib/http/client-address";

describe("[AUTH][REDIRECT]: after sign-in only same-site paths are followed", () => {
  it("keeps paths and their query", () => {
    expect(safeCallbackPath("/admin/users?x=1")).toBe("/admin/users?x=1");
  });

  it("refuses other origins, protocol-relative and script URLs", () => {
    expect(safeCallbackPath("https://evil.example/phish")).toBe("/");
    expect(safeCallbackPath("//evil.example/phish")).toBe("/");
    expect(safeCallbackPath("javascript:alert(1)")).toBe("/");
  });

  it("does not loop back to sign-in or into the API", () => {
    expect(safeCallbackPath("/sign-in?callbackUrl=/")).toBe("/");
    expect(safeCallbackPath("/api/auth/signout")).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
  });
});

describe("[HTTP]: client address", () => {
  const h = (peer: string, xff?: string) => new Headers({ "x-opsdeck-peer": peer, ...(xff ? { "x-forwarded-for": xff } : {}) });

  it("is the socket peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress(h("203.0.113.9", "10.9.9.9"))).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-forwarded-for": "10.9.9.9" }))).toBeNull();
  });

  it("believes X-Forwarded-For from a trusted proxy, skipping trusted hops from the right", () => {
    expect(clientAddress(h("127.0.0.1", "198.51.100.7"), ["127.0.0.1"])).toBe("198.51.100.7");
    expect(clientAddress(h("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.5"), ["10.0.0.0/8"])).toBe("198.51.100.7");
  });

  it("reads IPv4-mapped IPv6 peers as IPv4", () => {
    expect(clientAddress(h("::ffff:127.0.0.1", "198.51.100.7"), ["127.0.0.1"])).toBe("198.51.100.7");
  });
});
