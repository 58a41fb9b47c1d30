// Types for http-stats.mjs (plain ESM so server.mjs can import it without a build step).

export type THttpSeries = {
  method: string;
  route: string;
  status: string;
  count: number;
  /** Seconds, summed. */
  sum: number;
  /** Non-cumulative counts per HTTP_DURATION_BUCKETS bound; observations above the last bound are only in `count`. */
  buckets: number[];
};

export type THttpStats = { series: Map<string, THttpSeries>; routes: Set<string> };

export declare const HTTP_DURATION_BUCKETS: readonly number[];
export declare const MAX_ROUTES: number;

export declare function httpStats(): THttpStats;

/** `location`: the response's Location header, if any (a redirect to /sign-in is labelled as such). */
export declare function recordHttpRequest(args: { method: string | undefined; url: string | undefined; status: number; seconds: number; location?: unknown }): void;
