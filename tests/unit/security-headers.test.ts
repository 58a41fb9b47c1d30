import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isCrossOriginWrite } from "@/lib/http/security-headers";

describe("[SECURITY][CSP]", () => {
  it("allows only nonce-carrying scripts and forbids framing", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", isTls: false, isDev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("upgrades insecure requests only over TLS", () => {
    expect(contentSecurityPolicy({ nonce: "n", isTls: true, isDev: false })).toContain("upgrade-insecure-requests");
  });
});

describe("[SECURITY][ORIGIN]: API writes from other sites are refused", () => {
  it("refuses a POST whose Origin is another host", () => {
    expect(isCrossOriginWrite({ method: "POST", origin: "https://evil.example", host: "ops.example" })).toBe(true);
    expect(isCrossOriginWrite({ method: "POST", origin: "null", host: "ops.example" })).toBe(true);
  });

  it("accepts same-origin writes, reads, and machine clients without Origin", () => {
    expect(isCrossOriginWrite({ method: "POST", origin: "https://ops.example", host: "ops.example" })).toBe(false);
    expect(isCrossOriginWrite({ method: "GET", origin: "https://evil.example", host: "ops.example" })).toBe(false);
    expect(isCrossOriginWrite({ method: "POST", origin: null, host: "ops.example" })).toBe(false);
  });
});
