// Types for route-label.mjs (plain ESM so server.mjs can import it without a build step).

/** True when a path segment is a value (an id, a hash, an address) rather than part of a route. */
export declare function isIdSegment(segment: string): boolean;

/** The route label for a request URL; a 404 gives "not_found", a redirect to /sign-in "sign_in_redirect". */
export declare function routeLabel(url: string | undefined, status?: number, location?: unknown): string;

/** The method label: the standard methods as they are, anything else "other". */
export declare function methodLabel(method: string | undefined): string;
