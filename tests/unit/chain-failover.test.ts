import { describe, expect, it } from "vitest";
import { ChainCallError, FAILURES_TO_SET_ASIDE, SET_ASIDE_MS, callWithFailover, createEndpointPool, isDeterministicError, rippledAnswer } from "@/lib/chains/failover";

function pool() {
  let now = 1_000_000;
  const p = createEndpointPool({ chain: "Test", endpoints: [{ role: "primary", url: "http://primary" }, { role: "fallback", url: "http://fallback" }], now: () => now });
  return { p, advance: (ms: number) => (now += ms) };
}

const down = (url: string) => async (e: { url: string }) => {
  if (e.url === url) throw new Error("ECONNREFUSED");
  return e.url;
};

describe("[CHAINS][FAILOVER] endpoint pool", () => {
  it("uses the primary while it answers", async () => {
    const { p } = pool();
    const r = await callWithFailover(p, async (e) => e.url, { timeoutMs: 100, label: "x" });
    expect(r).toEqual({ value: "http://primary", role: "primary" });
  });

  it("falls over to the fallback when the primary fails, and sets the primary aside after 3 failures in a row", async () => {
    const { p, advance } = pool();
    for (let i = 0; i < FAILURES_TO_SET_ASIDE; i++) {
      const r = await callWithFailover(p, down("http://primary"), { timeoutMs: 100, label: "x" });
      expect(r.role).toBe("fallback");
    }
    expect(p.snapshot().endpoints[0]).toMatchObject({ role: "primary", isSetAside: true, consecutiveFailures: 3 });
    // While set aside, the primary is not even tried.
    let primaryTried = false;
    await callWithFailover(p, async (e) => ((primaryTried ||= e.role === "primary"), e.url), { timeoutMs: 100, label: "x" });
    expect(primaryTried).toBe(false);
    advance(SET_ASIDE_MS + 1);
    const back = await callWithFailover(p, async (e) => e.url, { timeoutMs: 100, label: "x" });
    expect(back.role).toBe("primary");
  });

  it("treats a hanging endpoint as failed after the timeout", async () => {
    const { p } = pool();
    const r = await callWithFailover(p, (e) => (e.role === "primary" ? new Promise<string>(() => {}) : Promise.resolve("ok")), { timeoutMs: 20, label: "getBlock" });
    expect(r.role).toBe("fallback");
    expect(p.snapshot().endpoints[0]?.lastError).toMatch(/getBlock timed out after 20 ms/);
  });

  it("says clearly when no endpoint answers", async () => {
    const { p } = pool();
    await expect(callWithFailover(p, async () => Promise.reject(new Error("ECONNREFUSED")), { timeoutMs: 50, label: "x" })).rejects.toThrow(ChainCallError);
    await expect(callWithFailover(p, async () => Promise.reject(new Error("ECONNREFUSED")), { timeoutMs: 50, label: "x" })).rejects.toThrow(/Test unreachable \(primary: ECONNREFUSED; fallback: ECONNREFUSED\)/);
  });

  it("does not fail over on a revert: the node answered and another would say the same", async () => {
    const { p } = pool();
    const revert = Object.assign(new Error("execution reverted"), { code: "CALL_EXCEPTION" });
    let calls = 0;
    await expect(callWithFailover(p, async () => (calls++, Promise.reject(revert)), { timeoutMs: 50, label: "x" })).rejects.toBe(revert);
    expect(calls).toBe(1);
    expect(p.snapshot().endpoints[0]?.consecutiveFailures).toBe(0);
  });

  it("follows a manual override (RB-07) even while the pinned endpoint is healthy", async () => {
    const { p } = pool();
    p.setOverride("fallback");
    expect((await callWithFailover(p, async (e) => e.url, { timeoutMs: 50, label: "x" })).role).toBe("fallback");
    expect(p.snapshot()).toMatchObject({ override: "fallback", active: "fallback" });
    p.setOverride(null);
    expect((await callWithFailover(p, async (e) => e.url, { timeoutMs: 50, label: "x" })).role).toBe("primary");
  });
});

describe("[CHAINS][FAILOVER][RIPPLED]: a node's error answer is the request's fault, whatever the error class is called", () => {
  it("recognises rippled's answer by its shape (the minified server bundle renames classes)", () => {
    const minified = Object.assign(new Error("Account not found."), { name: "e", data: { error: "actNotFound", status: "error", type: "response" } });
    expect(isDeterministicError(minified)).toBe(true);
    expect(rippledAnswer(minified)?.error).toBe("actNotFound");
    expect(isDeterministicError(new Error("socket hang up"))).toBe(false);
    expect(rippledAnswer(Object.assign(new Error("x"), { data: "not an answer" }))).toBeUndefined();
  });
});
