// The one shape every server action and API write answers with (STYLE.md "Server actions").

export type TErrorCode =
  | "INVALID_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "EXPIRED"
  | "REAUTH_REQUIRED"
  | "FAILED"
  | "INTERNAL";

export type TFieldErrors = Record<string, string[]>;

export type TActionResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; code: TErrorCode; error: string; fieldErrors?: TFieldErrors; ref?: string };

/** An expected refusal: its message is shown to the user as it is. */
export class OperationError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly fieldErrors?: TFieldErrors,
  ) {
    super(message);
  }
}

export const HTTP_STATUS: Record<TErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EXPIRED: 410,
  REAUTH_REQUIRED: 401,
  FAILED: 422,
  INTERNAL: 500,
};

export function fail(code: TErrorCode, error: string, fieldErrors?: TFieldErrors): TActionResult<never> {
  return { ok: false, code, error, ...(fieldErrors ? { fieldErrors } : {}) };
}

/**
 * A side effect that has started and cannot be finished now (a chain transaction sent, the chain
 * unreachable before it confirmed). The execution stays running; the reconciler finishes it.
 */
export class StillPendingError extends Error {}
