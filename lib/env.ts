import { z } from "zod";
import { isAddressOrRange } from "@/lib/http/address-match";

// The only module that reads process.env. Parsed once; a bad configuration fails at start-up
// with a message that names the variable (instrumentation.ts calls loadEnv() on boot).

const ZBool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const ZAddressList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const items = (v ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    for (const item of items) {
      if (!isAddressOrRange(item)) ctx.addIssue({ code: "custom", message: `"${item}" is not an IP address or CIDR range` });
    }
    return items;
  });

const ZEvmAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address")
  .optional();

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().url({ message: "must be a postgres:// URL" }),
    /** Connections per instance. The embedded database needs 1 (see lib/db/embedded.ts). */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    NEXTAUTH_URL: z.string().url().optional(),
    NEXTAUTH_SECRET: z.string().optional(),
    SESSION_IDLE_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    OPSDECK_DEMO: ZBool,
    OPSDECK_VERSION: z.string().default("0.1.0"),
    /** Approvers and admins must use a second factor (TOTP). */
    REQUIRE_MFA: ZBool,
    /** Comma-separated addresses or CIDR ranges allowed to open admin pages and run admin operations. */
    ADMIN_ALLOWED_IPS: ZAddressList,
    /** Comma-separated proxy addresses or ranges whose X-Forwarded-For is believed. */
    TRUSTED_PROXIES: ZAddressList,
    // ── Chains ──────────────────────────────────────────────────────────────────────────────
    /** EVM JSON-RPC endpoints; the fallback takes over when the primary fails (RB-07). */
    EVM_RPC_URL: z.string().url().optional(),
    EVM_RPC_FALLBACK_URL: z.string().url().optional(),
    EVM_CHAIN_ID: z.coerce.number().int().positive().default(31337),
    EVM_CHAIN_NAME: z.string().default("EVM"),
    /** The P2P escrow and its token; ESCROW_DEPLOY_BLOCK is where event sync starts. */
    ESCROW_ADDRESS: ZEvmAddress,
    USDT_ADDRESS: ZEvmAddress,
    ESCROW_DEPLOY_BLOCK: z.coerce.number().int().min(0).default(0),
    /** Blocks an event must be buried under before it is stored; the sync also re-reads this many. */
    EVM_CONFIRMATIONS: z.coerce.number().int().min(0).max(200).default(2),
    /** The escrow owner's signing key. From the environment only; never stored or shown. */
    ESCROW_OWNER_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex private key").optional(),
    /** XRPL WebSocket endpoints (rippled API). */
    XRPL_WS_URL: z.string().url().optional(),
    XRPL_WS_FALLBACK_URL: z.string().url().optional(),
    XRPL_NETWORK_NAME: z.string().default("XRPL"),
    /** Per-call timeout for chain reads and writes. */
    CHAIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
    /** Background chain jobs (event sync); off only in tests that drive them by hand. */
    CHAIN_JOBS: z.enum(["on", "off"]).default("on"),
    // ── Faucet and treasury keys (server memory only; never shown, logged or audited) ──────────
    /** The faucet's XRPL wallet seed, and the next one for a key rotation (its address is shown to fund it first). */
    FAUCET_XRPL_SEED: z.string().regex(/^s[1-9A-HJ-NP-Za-km-z]{24,34}$/, "must be an XRPL family seed (s…)").optional(),
    FAUCET_XRPL_SEED_NEXT: z.string().regex(/^s[1-9A-HJ-NP-Za-km-z]{24,34}$/, "must be an XRPL family seed (s…)").optional(),
    /** The faucet's EVM key (it grants the escrow's token), and the next one for a rotation. */
    FAUCET_EVM_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex private key").optional(),
    FAUCET_EVM_KEY_NEXT: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex private key").optional(),
    /** The treasury wallets faucet top-ups are paid from. */
    TREASURY_XRPL_SEED: z.string().regex(/^s[1-9A-HJ-NP-Za-km-z]{24,34}$/, "must be an XRPL family seed (s…)").optional(),
    TREASURY_EVM_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex private key").optional(),
    /** The platform's XRPL wallet (a treasury transfer source), and the next one for the wallet rotation flow. */
    PLATFORM_XRPL_SEED: z.string().regex(/^s[1-9A-HJ-NP-Za-km-z]{24,34}$/, "must be an XRPL family seed (s…)").optional(),
    PLATFORM_XRPL_SEED_NEXT: z.string().regex(/^s[1-9A-HJ-NP-Za-km-z]{24,34}$/, "must be an XRPL family seed (s…)").optional(),
    /** Treasury balance snapshots and fee reconciliation; off only in tests that drive them by hand. */
    TREASURY_JOBS: z.enum(["on", "off"]).default("on"),
    TREASURY_POLL_SECONDS: z.coerce.number().int().min(5).max(3_600).default(60),
    /** The faucet dispatcher: grants sent at once, and the deadline for one grant before it is retried. */
    FAUCET_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
    FAUCET_NODE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
    FAUCET_JOBS: z.enum(["on", "off"]).default("on"),
    /** Where dispute evidence CIDs open (any IPFS HTTP gateway; the CID is appended). */
    IPFS_GATEWAY_URL: z.string().url().default("https://ipfs.io/ipfs/"),
    /** XRPL wallet addresses the alert rules watch (addresses only; keys never live here). */
    XRPL_PLATFORM_ADDRESS: z.string().regex(/^r[1-9A-HJ-NP-Za-km-z]{24,34}$/, "must be a classic XRPL address (r…)").optional(),
    XRPL_FAUCET_ADDRESS: z.string().regex(/^r[1-9A-HJ-NP-Za-km-z]{24,34}$/, "must be a classic XRPL address (r…)").optional(),
    // ── Monitoring ──────────────────────────────────────────────────────────────────────────
    /** Bearer token Prometheus sends to GET /api/metrics. Unset: the endpoint answers 404. */
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    /** Bearer token Alertmanager sends to POST /api/alerts/alertmanager. Unset: the endpoint answers 404. */
    ALERT_WEBHOOK_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    /** Background probes and alert rules; off only in tests that drive them by hand. */
    MONITOR_JOBS: z.enum(["on", "off"]).default("on"),
    /** OpenID Connect single sign-on: all three turn it on. */
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Scopes asked for; add the one that releases the groups claim if your provider needs it. */
    OIDC_SCOPES: z.string().default("openid email profile"),
    /** The sign-in button's label. */
    OIDC_NAME: z.string().default("Single sign-on"),
    /** The ID token / userinfo claim that lists the user's groups. */
    OIDC_GROUPS_CLAIM: z.string().default("groups"),
    /** "group=role,group=role": roles come from groups at every sign-in. Unset: roles are assigned in OpsDeck. */
    OIDC_ROLE_MAP: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const pairs = v.split(",").map((p) => p.trim()).filter(Boolean).map((p) => p.split("=").map((s) => s.trim()));
        for (const pair of pairs) if (pair.length !== 2 || !pair[0] || !pair[1]) ctx.addIssue({ code: "custom", message: `"${pair.join("=")}" is not group=role` });
        return pairs.map(([group, role]) => ({ group: group!, role: role! }));
      }),
  })
  .superRefine((env, ctx) => {
    const isProduction = env.NODE_ENV === "production";
    // A short or missing secret lets anyone forge session cookies; refuse to start with one.
    if (isProduction && (!env.NEXTAUTH_SECRET || env.NEXTAUTH_SECRET.length < 32)) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is required in production and must be at least 32 characters (openssl rand -base64 32)",
      });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc > 0 && oidc < 3) {
      ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together" });
    }
    if (isProduction && !env.NEXTAUTH_URL) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_URL"], message: "is required in production (the public URL of OpsDeck)" });
    }
  });

export type TEnv = z.infer<typeof ZEnv>;

export class ConfigError extends Error {}

let cached: TEnv | undefined;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TEnv {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"} ${i.message}`);
    throw new ConfigError(`OpsDeck configuration is invalid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The log level alone, readable before (and without) the rest of the configuration. */
export function logLevel(): string {
  return process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "silent" : "info");
}

export function env(): TEnv {
  cached ??= loadEnv();
  return cached;
}

/**
 * A variable named by configuration (a service endpoint "env:DATABASE_URL"), so credentials stay
 * in the environment instead of the catalog and the audit log.
 */
export function envReference(name: string): string | undefined {
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) return undefined;
  return process.env[name];
}
