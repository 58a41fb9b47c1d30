import { describe, expect, it } from "vitest";
import { ALERT_RULES, MIN_ORDERS_FOR_DISPUTE_RATE, chainServiceId, evaluateRules, normalizeSeverity, type TAlertReadings, type TServiceReading, type TThresholdValues } from "@/lib/alerts/rules";
import { THRESHOLDS, THRESHOLD_KEYS } from "@/lib/settings/thresholds";
import { silenceFor, type TSilence } from "@/lib/alerts/silences";
import { alertCountSeries, chartWindowStart } from "@/lib/alerts/chart";
import { durationText, runbookLink } from "@/lib/alerts/format";

const DEFAULTS = Object.fromEntries(THRESHOLD_KEYS.map((k) => [k, THRESHOLDS[k].default])) as TThresholdValues;

const EMPTY: TAlertReadings = { chains: [], wallets: [], sync: null, escrow: null, disputes: null, services: [] };

function readings(patch: Partial<TAlertReadings>): TAlertReadings {
  return { ...EMPTY, ...patch };
}

function run(id: string, r: TAlertReadings, t: Partial<TThresholdValues> = {}) {
  const rule = ALERT_RULES.find((x) => x.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.evaluate(r, { ...DEFAULTS, ...t });
}

const fingerprints = (id: string, r: TAlertReadings, t: Partial<TThresholdValues> = {}) => run(id, r, t).holding.map((a) => a.fingerprint);

const platform = (xrp: number | null) => readings({ wallets: [{ role: "platform", address: "rPlatformXXXXXXXXXXXXXXXXXXXX", xrp }] });
const faucet = (xrp: number | null) => readings({ wallets: [{ role: "faucet", address: "rFaucetXXXXXXXXXXXXXXXXXXXXXX", xrp }] });
const sync = (lagBlocks: number | null, secondsSinceMoved = 0) => readings({ sync: { chain: "evm", name: "EVM", lastBlock: 1_000, lagBlocks, secondsSinceMoved } });
const disputes = (orders: number, disputed: number) => readings({ disputes: { chain: "evm", name: "EVM", orders, disputed, windowHours: 24 } });
const chain = (key: "evm" | "xrpl", status: "ok" | "degraded" | "error", isPinnedToFallback = false) => ({ key, name: key.toUpperCase(), status, isPinnedToFallback, detail: "d" });
const service = (patch: Partial<TServiceReading>): TServiceReading => ({ id: "api", name: "API", kind: "http", status: "ok", isCritical: true, tlsDaysLeft: null, runbooks: [], ...patch });

describe("[ALERTS][RULES]: the rule table", () => {
  it("has unique ids, a runbook reference where the guides have one, and the guide's severities", () => {
    const ids = ALERT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const table = Object.fromEntries(ALERT_RULES.map((r) => [r.id, [r.severity, r.forSeconds, r.runbook]]));
    expect(table).toEqual({
      "escrow-paused": ["critical", 0, "RB-05"],
      "rpc-both-down": ["critical", 0, "RB-07"],
      "rpc-primary-down": ["warning", 0, "RB-07"],
      "sync-stuck": ["critical", 0, "RB-03"],
      "sync-lag": ["warning", 300, "RB-03"],
      "dispute-rate": ["warning", 0, "RB-04"],
      "wallet-balance-critical": ["critical", 0, "wallet-balance-check"],
      "wallet-balance-low": ["warning", 0, "wallet-balance-check"],
      "faucet-balance-critical": ["critical", 0, "faucet-empty"],
      "faucet-balance-low": ["warning", 0, "faucet-empty"],
      "service-down": ["critical", 0, "RB-01"],
      "tls-expiry": ["warning", 0, null],
      "treasury-balance": ["warning", 0, null],
      "fee-reconciliation": ["warning", 0, null],
      "secret-rotation-overdue": ["info", 0, null],
      "backup-overdue": ["warning", 0, null],
      "maintenance-overdue": ["info", 0, null],
    });
  });

  it("says nothing about an empty snapshot", () => {
    expect(evaluateRules(EMPTY, DEFAULTS)).toEqual({ holding: [], unknown: [] });
  });

  it("states each condition with the current thresholds", () => {
    expect(ALERT_RULES.find((r) => r.id === "sync-lag")!.condition({ ...DEFAULTS, syncLagBlocks: 250 })).toContain("250 blocks");
  });
});

describe("[ALERTS][RULES][WALLET]: platform wallet < 50 XRP warning, < 5 critical", () => {
  it("is quiet at and above the warning line", () => {
    expect(fingerprints("wallet-balance-low", platform(50))).toEqual([]);
    expect(fingerprints("wallet-balance-low", platform(1_000))).toEqual([]);
  });

  it("warns just below 50 XRP and goes critical just below 5 (both hold then, as the guide lists them)", () => {
    expect(fingerprints("wallet-balance-low", platform(49.999999))).toEqual(["wallet-balance-low:platform"]);
    expect(fingerprints("wallet-balance-critical", platform(5))).toEqual([]);
    expect(fingerprints("wallet-balance-critical", platform(4.99))).toEqual(["wallet-balance-critical:platform"]);
    expect(evaluateRules(platform(1), DEFAULTS).holding.map((a) => [a.fingerprint, a.severity])).toEqual([
      ["wallet-balance-critical:platform", "critical"],
      ["wallet-balance-low:platform", "warning"],
    ]);
  });

  it("treats an unfunded account (0 XRP) as critical", () => {
    expect(fingerprints("wallet-balance-critical", platform(0))).toEqual(["wallet-balance-critical:platform"]);
  });

  it("uses the configured thresholds, not the defaults", () => {
    expect(fingerprints("wallet-balance-low", platform(80), { platformWalletWarnXrp: 100 })).toEqual(["wallet-balance-low:platform"]);
    expect(fingerprints("wallet-balance-critical", platform(4), { platformWalletCritXrp: 2 })).toEqual([]);
  });

  it("cannot judge an unreadable wallet: unknown, so what is raised stays raised", () => {
    expect(run("wallet-balance-low", platform(null))).toEqual({ holding: [], unknown: ["wallet-balance-low:platform"] });
  });

  it("carries the runbook, the subject and a readable summary", () => {
    const [a] = run("wallet-balance-critical", platform(3)).holding;
    expect(a).toMatchObject({ name: "Platform wallet balance critical", runbook: "wallet-balance-check", serviceId: "platform-wallet", forSeconds: 0 });
    expect(a!.summary).toContain("3 XRP");
  });
});

describe("[ALERTS][RULES][FAUCET]: faucet < 1000 warning, < 100 critical", () => {
  it("holds at the boundaries the guide gives", () => {
    expect(fingerprints("faucet-balance-low", faucet(1_000))).toEqual([]);
    expect(fingerprints("faucet-balance-low", faucet(999.9))).toEqual(["faucet-balance-low:faucet"]);
    expect(fingerprints("faucet-balance-critical", faucet(100))).toEqual([]);
    expect(fingerprints("faucet-balance-critical", faucet(99))).toEqual(["faucet-balance-critical:faucet"]);
    expect(fingerprints("faucet-balance-low", faucet(5_000), { faucetBalanceWarn: 10_000 })).toEqual(["faucet-balance-low:faucet"]);
  });

  it("does not confuse the faucet with the platform wallet", () => {
    expect(fingerprints("faucet-balance-critical", platform(1))).toEqual([]);
    expect(fingerprints("wallet-balance-critical", faucet(1))).toEqual([]);
  });
});

describe("[ALERTS][RULES][SYNC]: RB-03 lag and stuck cursor", () => {
  it("raises lag above 100 blocks, to fire after 5 min", () => {
    expect(fingerprints("sync-lag", sync(100))).toEqual([]);
    const [a] = run("sync-lag", sync(101)).holding;
    expect(a).toMatchObject({ fingerprint: "sync-lag:evm", forSeconds: 300, severity: "warning", runbook: "RB-03" });
    expect(fingerprints("sync-lag", sync(101), { syncLagBlocks: 500 })).toEqual([]);
    expect(fingerprints("sync-lag", sync(null))).toEqual([]);
  });

  it("raises a stuck cursor after 10 min unchanged, only while the chain advanced", () => {
    expect(fingerprints("sync-stuck", sync(3, 599))).toEqual([]);
    expect(fingerprints("sync-stuck", sync(3, 600))).toEqual(["sync-stuck:evm"]);
    // Nothing new on chain: an unmoving cursor is simply up to date.
    expect(fingerprints("sync-stuck", sync(0, 3_600))).toEqual([]);
    expect(fingerprints("sync-stuck", sync(null, 3_600))).toEqual([]);
    expect(fingerprints("sync-stuck", sync(3, 600), { syncCursorStaleMinutes: 30 })).toEqual([]);
    expect(run("sync-stuck", sync(3, 600)).holding[0]).toMatchObject({ severity: "critical", runbook: "RB-03" });
  });
});

describe("[ALERTS][RULES][DISPUTES]: RB-04 dispute rate over 24 h", () => {
  it("raises above 20 %, not at 20 %", () => {
    expect(fingerprints("dispute-rate", disputes(50, 10))).toEqual([]);
    expect(fingerprints("dispute-rate", disputes(50, 11))).toEqual(["dispute-rate:evm"]);
    expect(fingerprints("dispute-rate", disputes(50, 11), { disputeRatePct: 25 })).toEqual([]);
  });

  it(`ignores fewer than ${MIN_ORDERS_FOR_DISPUTE_RATE} orders`, () => {
    expect(fingerprints("dispute-rate", disputes(MIN_ORDERS_FOR_DISPUTE_RATE - 1, MIN_ORDERS_FOR_DISPUTE_RATE - 1))).toEqual([]);
    expect(fingerprints("dispute-rate", disputes(MIN_ORDERS_FOR_DISPUTE_RATE, 3))).toEqual(["dispute-rate:evm"]);
  });

  it("says the numbers", () => {
    expect(run("dispute-rate", disputes(20, 6)).holding[0]!.summary).toContain("6 of 20");
  });
});

describe("[ALERTS][RULES][RPC]: RB-07 primary down, both down", () => {
  it("raises primary-down per chain when the fallback answers", () => {
    const r = readings({ chains: [chain("evm", "degraded"), chain("xrpl", "ok")] });
    expect(fingerprints("rpc-primary-down", r)).toEqual(["rpc-primary-down:evm"]);
    expect(fingerprints("rpc-both-down", r)).toEqual([]);
  });

  it("does not call a chain pinned to its fallback by the manual switch 'primary down'", () => {
    expect(fingerprints("rpc-primary-down", readings({ chains: [chain("evm", "degraded", true)] }))).toEqual([]);
  });

  it("raises both-down (critical) when nothing answers", () => {
    const r = readings({ chains: [chain("evm", "ok"), chain("xrpl", "error")] });
    expect(fingerprints("rpc-both-down", r)).toEqual(["rpc-both-down:xrpl"]);
    expect(fingerprints("rpc-primary-down", r)).toEqual([]);
    expect(run("rpc-both-down", r).holding[0]!.severity).toBe("critical");
  });

  it("names the catalog's service for the chain when there is one, the chain otherwise", () => {
    const services = [service({ id: "rpc-fallback", kind: "evm" }), service({ id: "rpc-primary", kind: "evm" }), service({ id: "xrpl-node", kind: "xrpl" })];
    expect(chainServiceId(services, "evm")).toBe("rpc-primary");
    expect(chainServiceId(services, "xrpl")).toBe("xrpl-node");
    expect(chainServiceId([], "evm")).toBe("evm");
    expect(run("rpc-primary-down", readings({ chains: [chain("evm", "degraded")], services })).holding[0]!.serviceId).toBe("rpc-primary");
  });
});

describe("[ALERTS][RULES][ESCROW]: RB-05 contract paused", () => {
  const escrow = (paused: boolean | null) => readings({ escrow: { chain: "evm", name: "EVM", address: "0xabc", paused } });

  it("is P0: critical, at once", () => {
    expect(run("escrow-paused", escrow(true)).holding[0]).toMatchObject({ fingerprint: "escrow-paused:evm", severity: "critical", forSeconds: 0, runbook: "RB-05", serviceId: "escrow" });
    expect(fingerprints("escrow-paused", escrow(false))).toEqual([]);
  });

  it("cannot tell when the contract could not be read", () => {
    expect(run("escrow-paused", escrow(null))).toEqual({ holding: [], unknown: ["escrow-paused:evm"] });
  });
});

describe("[ALERTS][RULES][SERVICES]: health failing, TLS expiry", () => {
  it("raises a service in error (the probe's two-failure guard already applied), with its own runbook", () => {
    const r = readings({ services: [service({ id: "postgres", name: "PostgreSQL", kind: "postgres", status: "error", runbooks: ["RB-02"] }), service({ id: "api", status: "degraded" }), service({ id: "redis", status: "unknown" })] });
    expect(run("service-down", r).holding).toEqual([expect.objectContaining({ fingerprint: "service-down:postgres", serviceId: "postgres", runbook: "RB-02", severity: "critical" })]);
    expect(run("service-down", readings({ services: [service({ status: "error" })] })).holding[0]!.runbook).toBe("RB-01");
  });

  it("is a warning for a degraded-path service (the platform still works without it)", () => {
    const [a] = run("service-down", readings({ services: [service({ id: "ipfs", status: "error", isCritical: false })] })).holding;
    expect(a).toMatchObject({ fingerprint: "service-down:ipfs", severity: "warning", labels: expect.objectContaining({ severity: "warning" }) });
  });

  it("raises a certificate with fewer than 7 days left, not 7, and not an unknown one", () => {
    const r = readings({ services: [service({ id: "web", tlsDaysLeft: 7 }), service({ id: "api", tlsDaysLeft: 6.5 }), service({ id: "rpc", tlsDaysLeft: null }), service({ id: "old", tlsDaysLeft: -1 })] });
    expect(fingerprints("tls-expiry", r)).toEqual(["tls-expiry:api", "tls-expiry:old"]);
    expect(run("tls-expiry", r).holding[1]!.summary).toContain("has expired");
    expect(fingerprints("tls-expiry", r, { tlsExpiryDays: 8 })).toEqual(["tls-expiry:web", "tls-expiry:api", "tls-expiry:old"]);
  });
});

describe("[ALERTS][SEVERITY]: Alertmanager labels to three levels", () => {
  it("maps the usual spellings", () => {
    expect(["critical", "P0", "p1", "page"].map(normalizeSeverity)).toEqual(["critical", "critical", "critical", "critical"]);
    expect(["warning", "P2", "", undefined].map((v) => normalizeSeverity(v))).toEqual(["warning", "warning", "warning", "warning"]);
    expect(["info", "P3"].map(normalizeSeverity)).toEqual(["info", "info"]);
  });
});

describe("[ALERTS][SILENCES]: which silence covers an alert", () => {
  const now = new Date("2026-11-24T12:00:00Z");
  const s = (patch: Partial<TSilence>): TSilence => ({ id: crypto.randomUUID(), fingerprint: null, alertName: null, until: new Date(now.getTime() + 60_000), reason: "r", createdBy: "x", createdAt: now, ...patch });
  const alert = { fingerprint: "sync-lag:evm", name: "Event sync lag" };

  it("matches by fingerprint or by name, only while it lasts", () => {
    expect(silenceFor(alert, [s({ fingerprint: "sync-lag:evm" })], now)).not.toBeNull();
    expect(silenceFor(alert, [s({ alertName: "Event sync lag" })], now)).not.toBeNull();
    expect(silenceFor(alert, [s({ fingerprint: "sync-stuck:evm" }), s({ alertName: "Other" })], now)).toBeNull();
    expect(silenceFor(alert, [s({ fingerprint: "sync-lag:evm", until: now })], now)).toBeNull();
  });

  it("reports the longest-lasting one", () => {
    const later = s({ alertName: "Event sync lag", until: new Date(now.getTime() + 3_600_000) });
    expect(silenceFor(alert, [s({ fingerprint: "sync-lag:evm" }), later], now)).toBe(later);
  });
});

describe("[ALERTS][CHART]: counts per bucket", () => {
  const now = new Date("2026-11-24T12:34:00Z");

  it("has 24 hourly buckets ending with the current hour", () => {
    const series = alertCountSeries({ alerts: [], range: "24h", now });
    expect(series).toHaveLength(24);
    expect(series.at(-1)!.start).toBe("2026-11-24T12:00:00.000Z");
    expect(series[0]!.start).toBe("2026-11-23T13:00:00.000Z");
    expect(series.at(-1)!.label).toBe("12:00");
  });

  it("counts by severity, drops what is outside the window", () => {
    const series = alertCountSeries({
      alerts: [
        { startsAt: new Date("2026-11-24T12:01:00Z"), severity: "critical" },
        { startsAt: new Date("2026-11-24T12:59:59Z"), severity: "warning" },
        { startsAt: new Date("2026-11-24T11:30:00Z"), severity: "info" },
        { startsAt: new Date("2026-11-24T11:30:00Z"), severity: "odd" },
        { startsAt: new Date("2026-11-23T12:59:00Z"), severity: "critical" },
      ],
      range: "24h",
      now,
    });
    expect(series.at(-1)).toMatchObject({ critical: 1, warning: 1, info: 0 });
    expect(series.at(-2)).toMatchObject({ critical: 0, warning: 1, info: 1 });
    expect(series.reduce((n, b) => n + b.critical + b.warning + b.info, 0)).toBe(4);
  });

  it("has 28 six-hour buckets over 7 days", () => {
    const series = alertCountSeries({ alerts: [{ startsAt: new Date("2026-11-18T13:00:00Z"), severity: "critical" }], range: "7d", now });
    expect(series).toHaveLength(28);
    expect(chartWindowStart("7d", now).toISOString()).toBe("2026-11-17T18:00:00.000Z");
    expect(series.at(-1)!.label).toBe("11-24 12h");
    expect(series.reduce((n, b) => n + b.critical, 0)).toBe(1);
  });
});

describe("[ALERTS][FORMAT]: durations and runbook links", () => {
  const t = new Date("2026-11-24T12:00:00Z");
  const after = (s: number) => new Date(t.getTime() + s * 1000);

  it("reads durations at a glance", () => {
    expect([0, 59, 60, 3_599, 3_600, 3_900, 86_400, 93_600, -5].map((s) => durationText(t, after(s)))).toEqual(["0 s", "59 s", "1 min", "59 min", "1 h", "1 h 5 min", "1 d", "1 d 2 h", "0 s"]);
  });

  it("links only http(s) runbooks; our own references stay text", () => {
    expect(runbookLink("https://runbooks.example/RB-03")).toEqual({ href: "https://runbooks.example/RB-03", label: "runbooks.example/RB-03" });
    expect(runbookLink("RB-03")).toEqual({ href: null, label: "RB-03" });
    expect(runbookLink("javascript:alert(1)")).toEqual({ href: null, label: "javascript:alert(1)" });
    expect(runbookLink(null)).toBeNull();
  });
});

describe("[ALERTS][TREASURY]: balances, fee reconciliation, rotation schedule and backups", () => {
  const account = (spendable: number | null, isStale = false) => ({ id: "a1", label: "Cold wallet", address: "rCold", symbol: "XRP", spendable, warn: 1_000, crit: 100, isStale });
  const treasury = (patch: Partial<NonNullable<TAlertReadings["treasury"]>>) => readings({ treasury: { accounts: [], feeMismatches: [], schedule: null, ...patch } });

  it("raises a treasury account below its warning line, critical below its critical line, and cannot judge a stale one", () => {
    expect(run("treasury-balance", treasury({ accounts: [account(5_000)] })).holding).toEqual([]);
    expect(run("treasury-balance", treasury({ accounts: [account(500)] })).holding[0]).toMatchObject({ severity: "warning", summary: "Cold wallet (rCold) holds 500 XRP, below 1,000" });
    expect(run("treasury-balance", treasury({ accounts: [account(50)] })).holding[0]).toMatchObject({ severity: "critical" });
    expect(run("treasury-balance", treasury({ accounts: [account(50, true)] }))).toEqual({ holding: [], unknown: ["treasury-balance:a1"] });
  });

  it("raises a fee mismatch, critical when the fees went to another address", () => {
    const day = { chain: "evm:31337", token: "0xtoken", symbol: "USDT", day: "2026-11-24", expected: "9", received: "6", difference: "3", elsewhere: [] as { address: string; amount: string }[] };
    expect(run("fee-reconciliation", treasury({ feeMismatches: [day] })).holding[0]).toMatchObject({ severity: "warning", fingerprint: "fee-reconciliation:evm:31337:0xtoken:2026-11-24" });
    const hijacked = run("fee-reconciliation", treasury({ feeMismatches: [{ ...day, elsewhere: [{ address: "0xabc", amount: "3" }] }] })).holding[0]!;
    expect(hijacked.severity).toBe("critical");
    expect(hijacked.summary).toContain("paid elsewhere: 3 to 0xabc");
    // Not readable: unknown (what is raised stays raised), not "all fine".
    expect(run("fee-reconciliation", treasury({ feeMismatches: null }))).toEqual({ holding: [], unknown: ["fee-reconciliation:*"] });
  });

  it("raises overdue rotations, backups and restore tests", () => {
    const schedule = {
      secrets: [{ id: "session-secret", name: "Session signing secret", dueAt: new Date("2026-11-01T00:00:00Z") }],
      backups: [{ id: "database-daily", name: "Database", lastSuccessAt: null }],
      restoreTests: [{ id: "database-daily", name: "Database", lastRestoreTestAt: new Date("2026-10-01T00:00:00Z") }],
    };
    expect(run("secret-rotation-overdue", treasury({ schedule })).holding.map((a) => a.summary)).toEqual(["Session signing secret: rotation was due 2026-11-01"]);
    expect(run("backup-overdue", treasury({ schedule })).holding.map((a) => [a.fingerprint, a.severity])).toEqual([
      ["backup-overdue:database-daily", "warning"],
      ["backup-overdue:database-daily:restore", "info"],
    ]);
  });
});

describe("[ALERTS][MAINTENANCE]: an overdue checklist raises an alert", () => {
  it("names the checklist, its due date and its owner; cannot judge when unreadable", () => {
    const due = new Date("2026-11-23T00:00:00Z");
    expect(run("maintenance-overdue", readings({ maintenance: [{ id: "weekly", title: "Weekly maintenance", nextDueAt: due, ownerEmail: "operator@opsdeck.local" }] })).holding[0]).toMatchObject({
      fingerprint: "maintenance-overdue:weekly",
      summary: "Weekly maintenance was due 2026-11-23 (owner operator@opsdeck.local)",
    });
    expect(run("maintenance-overdue", readings({ maintenance: [] })).holding).toEqual([]);
    expect(run("maintenance-overdue", readings({ maintenance: null }))).toEqual({ holding: [], unknown: ["maintenance-overdue:*"] });
  });
});
