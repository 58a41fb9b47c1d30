import { beforeEach, describe, expect, it } from "vitest";
import { Registry } from "prom-client";
import { methodLabel, routeLabel } from "@/lib/metrics/route-label.mjs";
import { HTTP_DURATION_BUCKETS, MAX_ROUTES, httpStats, recordHttpRequest } from "@/lib/metrics/http-stats.mjs";
import { registerHttpMetrics } from "@/lib/metrics/http-collector";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text";

describe("[METRICS][ROUTE-LABEL]: bounded route labels", () => {
  it.each([
    ["/", "/"],
    ["/approvals", "/approvals"],
    ["/approvals/", "/approvals"],
    ["/approvals/3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b", "/approvals/:id"],
    ["/admin/users/3F2B8C1E-9A4D-4E6F-8B7A-1C2D3E4F5A6B?tab=sessions", "/admin/users/:id"],
    ["/orders/1234", "/orders/:id"],
    ["/chains/evm/tx/0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060", "/chains/evm/tx/:id"],
    ["/chains/evm/address/0x71C7656EC7ab88b098defB751B7401B5f6d8976F", "/chains/evm/address/:id"],
    ["/chains/xrpl/tx/E08D6E9754025BA2534A78707605E0601F03ACE063687A0CA1BDDACFCD1698C7", "/chains/xrpl/tx/:id"],
    ["/chains/xrpl/account/rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", "/chains/xrpl/account/:id"],
    ["/reset/aZ3kP9qR2sT7vW1xY5bC8dE0", "/reset/:id"],
    ["/api/health/ready?verbose=1#top", "/api/health/ready"],
    ["/api/auth/callback/oidc?code=abc&state=def", "/api/auth/callback/oidc"],
    ["/_next/static/chunks/app/page-4f1c2a.js", "/_next/static"],
    ["/_next/static/media/inter.woff2", "/_next/static"],
    ["/_next/image?url=%2Flogo.png&w=64", "/_next/image"],
  ])("%s → %s", (url, label) => {
    expect(routeLabel(url, 200)).toBe(label);
  });

  it("keeps ordinary words and slugs, which are routes", () => {
    expect(routeLabel("/services/postgres", 200)).toBe("/services/postgres");
    expect(routeLabel("/settings/thresholds", 200)).toBe("/settings/thresholds");
    expect(routeLabel("/account/security", 200)).toBe("/account/security");
    expect(routeLabel("/chains/reconciliation-settings-page", 200)).toBe("/chains/reconciliation-settings-page");
  });

  it("labels every 404 not_found, so made-up paths never become series", () => {
    expect(routeLabel("/wp-admin/setup-config.php", 404)).toBe("not_found");
    expect(routeLabel("/.env", 404)).toBe("not_found");
  });

  it("labels proxy.ts's sign-in redirect sign_in_redirect, since a signed-out request's path was never checked", () => {
    expect(routeLabel("/wp-login.php", 307, "/sign-in?callbackUrl=%2Fwp-login.php")).toBe("sign_in_redirect");
    expect(routeLabel("/approvals/1", 307, "https://ops.example.com/sign-in?callbackUrl=%2Fapprovals%2F1")).toBe("sign_in_redirect");
    // Other redirects keep their route.
    expect(routeLabel("/approvals/1", 303, "/approvals/1?done=1")).toBe("/approvals/:id");
    expect(routeLabel("/account", 307, "/sign-in-help")).toBe("/account");
  });

  it("labels request targets that are not paths other", () => {
    expect(routeLabel("*", 400)).toBe("other");
    expect(routeLabel("http://evil.example/x", 400)).toBe("other");
    expect(routeLabel(undefined, 200)).toBe("/");
  });

  it("keeps the standard methods and folds the rest", () => {
    expect(methodLabel("get")).toBe("GET");
    expect(methodLabel("PATCH")).toBe("PATCH");
    expect(methodLabel("PROPFIND")).toBe("other");
    expect(methodLabel(undefined)).toBe("other");
  });
});

describe("[METRICS][HTTP-STATS]: what server.mjs records and the scrape reports", () => {
  beforeEach(() => {
    (globalThis as { opsdeckHttpStats?: unknown }).opsdeckHttpStats = undefined;
  });

  it("aggregates per method, route and status, with per-bucket counts", () => {
    recordHttpRequest({ method: "GET", url: "/approvals/3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b", status: 200, seconds: 0.004 });
    recordHttpRequest({ method: "GET", url: "/approvals/9a4d3f2b-8c1e-4e6f-8b7a-1c2d3e4f5a6b?x=1", status: 200, seconds: 0.3 });
    recordHttpRequest({ method: "GET", url: "/approvals/1", status: 200, seconds: 42 });
    const [entry, ...others] = httpStats().series.values();
    expect(others).toHaveLength(0);
    expect(entry).toMatchObject({ method: "GET", route: "/approvals/:id", status: "200", count: 3 });
    expect(entry!.sum).toBeCloseTo(42.304);
    expect(entry!.buckets[0]).toBe(1); // ≤ 5 ms
    expect(entry!.buckets[HTTP_DURATION_BUCKETS.indexOf(0.5)]).toBe(1);
    expect(entry!.buckets.reduce((a, b) => a + b, 0)).toBe(2); // 42 s is above every bound: only in count
  });

  it("caps the number of distinct routes", () => {
    // Letters only, so no segment is taken for an id.
    const word = (i: number) => i.toString(26).replace(/./g, (c) => String.fromCharCode(97 + parseInt(c, 26)));
    for (let i = 0; i < MAX_ROUTES + 5; i++) recordHttpRequest({ method: "GET", url: `/page-${word(i)}`, status: 200, seconds: 0.01 });
    const stats = httpStats();
    expect(stats.routes.size).toBe(MAX_ROUTES);
    expect([...stats.series.values()].find((s) => s.route === "other")?.count).toBe(5);
  });

  it("is exposed as a valid counter and histogram", async () => {
    recordHttpRequest({ method: "POST", url: "/approvals/1", status: 303, seconds: 0.02 });
    recordHttpRequest({ method: "POST", url: "/approvals/2", status: 303, seconds: 0.2 });
    recordHttpRequest({ method: "GET", url: "/nope", status: 404, seconds: 0.001 });
    const registry = new Registry();
    registerHttpMetrics(registry);
    const families = parsePrometheusText(await registry.metrics());
    expect(families.get("opsdeck_http_requests_total")?.type).toBe("counter");
    expect(families.get("opsdeck_http_request_duration_seconds")?.type).toBe("histogram");
    const labels = { method: "POST", route: "/approvals/:id", status: "303" };
    expect(sampleValue(families, "opsdeck_http_requests_total", labels)).toBe(2);
    expect(sampleValue(families, "opsdeck_http_request_duration_seconds_bucket", { ...labels, le: "0.025" })).toBe(1);
    expect(sampleValue(families, "opsdeck_http_request_duration_seconds_bucket", { ...labels, le: "0.25" })).toBe(2);
    expect(sampleValue(families, "opsdeck_http_request_duration_seconds_bucket", { ...labels, le: "+Inf" })).toBe(2);
    expect(sampleValue(families, "opsdeck_http_request_duration_seconds_sum", labels)).toBeCloseTo(0.22);
    expect(sampleValue(families, "opsdeck_http_requests_total", { method: "GET", route: "not_found", status: "404" })).toBe(1);
  });
});

describe("[METRICS][PARSER]: the test parser is strict", () => {
  const ok = "# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"1\"} 3\n";
  it("accepts valid text", () => {
    expect(sampleValue(parsePrometheusText(ok), "a_total", { x: "1" })).toBe(3);
  });
  it.each([
    ["no final newline", ok.trimEnd()],
    ["a duplicate series", `${ok}a_total{x="1"} 4\n`],
    ["a split family", `${ok}# TYPE b gauge\nb 1\na_total{x="2"} 1\n`],
    ["a bad label", '# TYPE b gauge\nb{x=1} 1\n'],
    ["a bad value", "# TYPE b gauge\nb one\n"],
    ["a negative counter", "# TYPE c_total counter\nc_total -1\n"],
    ["a histogram without +Inf", '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'],
    ["TYPE after samples", "b 1\n# TYPE b gauge\n"],
  ])("rejects %s", (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
