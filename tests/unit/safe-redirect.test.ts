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
  it("takes the hop nearest to the server, which a client cannot forge", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }))).toBe("10.0.0.7");
    expect(clientAddress(new Headers())).toBeNull();
  });
});
