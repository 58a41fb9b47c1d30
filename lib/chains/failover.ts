// Primary/fallback endpoints for one chain. An endpoint that fails FAILURES_TO_SET_ASIDE times in
// a row is set aside for SET_ASIDE_MS; calls go to the first endpoint that is not set aside. A
// manual override (RB-07's "switch to fallback") pins one endpoint until it is cleared. Pure
// logic with an injectable clock, so the rules are unit-tested without a network.

export const FAILURES_TO_SET_ASIDE = 3;
export const SET_ASIDE_MS = 60_000;

export type TEndpointRole = "primary" | "fallback";

export type TEndpointState = {
  role: TEndpointRole;
  url: string;
  consecutiveFailures: number;
  setAsideUntil: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  lastOkAt: number | null;
  lastLatencyMs: number | null;
  calls: number;
  errors: number;
};

export class ChainCallError extends Error {
  constructor(
    message: string,
    readonly attempts: { url: string; role: TEndpointRole; error: string }[],
  ) {
    super(message);
  }
}

export type TEndpointPool = ReturnType<typeof createEndpointPool>;

export function createEndpointPool(args: { chain: string; endpoints: { role: TEndpointRole; url: string }[]; now?: () => number }) {
  const now = args.now ?? Date.now;
  const states: TEndpointState[] = args.endpoints.map((e) => ({
    ...e,
    consecutiveFailures: 0,
    setAsideUntil: null,
    lastError: null,
    lastErrorAt: null,
    lastOkAt: null,
    lastLatencyMs: null,
    calls: 0,
    errors: 0,
  }));
  let override: TEndpointRole | null = null;

  const isAvailable = (s: TEndpointState) => s.setAsideUntil === null || s.setAsideUntil <= now();

  /** The order to try endpoints in right now. */
  function order(): TEndpointState[] {
    if (override) {
      const pinned = states.filter((s) => s.role === override);
      if (pinned.length) return pinned;
    }
    const available = states.filter(isAvailable);
    // Everything set aside: try them all anyway (oldest set-aside first) rather than fail without asking.
    return available.length ? available : [...states].sort((a, b) => (a.setAsideUntil ?? 0) - (b.setAsideUntil ?? 0));
  }

  function recordSuccess(s: TEndpointState, latencyMs: number) {
    s.calls++;
    s.consecutiveFailures = 0;
    s.setAsideUntil = null;
    s.lastOkAt = now();
    s.lastLatencyMs = latencyMs;
  }

  function recordFailure(s: TEndpointState, error: string) {
    s.calls++;
    s.errors++;
    s.consecutiveFailures++;
    s.lastError = error;
    s.lastErrorAt = now();
    if (s.consecutiveFailures >= FAILURES_TO_SET_ASIDE) s.setAsideUntil = now() + SET_ASIDE_MS;
  }

  return {
    chain: args.chain,
    order,
    recordSuccess,
    recordFailure,
    setOverride(role: TEndpointRole | null) {
      override = role && states.some((s) => s.role === role) ? role : null;
    },
    override: () => override,
    snapshot() {
      const active = order()[0]?.role ?? null;
      return {
        override,
        active,
        endpoints: states.map((s) => ({ ...s, isSetAside: !isAvailable(s) })),
      };
    },
  };
}

export type TPoolSnapshot = ReturnType<TEndpointPool["snapshot"]>;

/** Runs `fn` against endpoints in order until one answers. */
export async function callWithFailover<T>(
  pool: TEndpointPool,
  fn: (endpoint: { url: string; role: TEndpointRole }) => Promise<T>,
  opts: { timeoutMs: number; label: string; onResult?: (r: { role: TEndpointRole; ok: boolean; latencyMs: number }) => void },
): Promise<{ value: T; role: TEndpointRole }> {
  const attempts: { url: string; role: TEndpointRole; error: string }[] = [];
  for (const endpoint of pool.order()) {
    const started = performance.now();
    try {
      const value = await withTimeout(fn(endpoint), opts.timeoutMs, `${opts.label} timed out after ${opts.timeoutMs} ms`);
      const latencyMs = performance.now() - started;
      pool.recordSuccess(endpoint, latencyMs);
      opts.onResult?.({ role: endpoint.role, ok: true, latencyMs });
      return { value, role: endpoint.role };
    } catch (err) {
      if (isDeterministicError(err)) {
        // The node answered: the call itself is wrong (a revert, a bad argument). Another node would say the same.
        pool.recordSuccess(endpoint, performance.now() - started);
        throw err;
      }
      const message = err instanceof Error ? err.message : String(err);
      pool.recordFailure(endpoint, message);
      opts.onResult?.({ role: endpoint.role, ok: false, latencyMs: performance.now() - started });
      attempts.push({ url: endpoint.url, role: endpoint.role, error: message });
    }
  }
  const summary = attempts.map((a) => `${a.role}: ${a.error}`).join("; ");
  throw new ChainCallError(`${pool.chain} unreachable (${summary || "no endpoint configured"})`, attempts);
}

/** Errors that mean "the node answered, the request is the problem": no failover for these. */
export function isDeterministicError(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const code = (err as { code?: unknown }).code;
  // ethers: CALL_EXCEPTION (revert), INVALID_ARGUMENT, NONCE_EXPIRED, INSUFFICIENT_FUNDS, REPLACEMENT_UNDERPRICED…
  if (typeof code === "string" && ["CALL_EXCEPTION", "INVALID_ARGUMENT", "NONCE_EXPIRED", "INSUFFICIENT_FUNDS", "REPLACEMENT_UNDERPRICED", "TRANSACTION_REPLACED"].includes(code)) return true;
  // xrpl.js: RippledError carries the node's error answer. Recognised by its shape, not its class
  // name: the production server bundle is minified, and class names with it.
  return (err as { name?: unknown }).name === "RippledError" || rippledAnswer(err) !== undefined;
}

/** The error answer a rippled node sent (`{ error: "actNotFound", status: "error", … }`), if that is what this is. */
export function rippledAnswer(err: unknown): { error: string; searched_all?: boolean; ledger_index?: number } | undefined {
  const data = err && typeof err === "object" ? (err as { data?: unknown }).data : undefined;
  if (!data || typeof data !== "object") return undefined;
  const answer = data as { error?: unknown; status?: unknown; type?: unknown };
  return typeof answer.error === "string" && (answer.status === "error" || answer.type === "response") ? (answer as { error: string }) : undefined;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
