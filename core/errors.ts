/** The closed set of error codes citebot reports; server/errors.ts maps each to an HTTP status. */
export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UNSUPPORTED_FILE"
  | "INDEX_NOT_READY"
  | "INDEX_MISMATCH"
  | "UPSTREAM_FAILED"
  | "CONFIG_INVALID"
  | "RATE_LIMITED"
  | "SHUTTING_DOWN"
  | "INTERNAL";

/** The one error class of the project: a code, a message safe to show, and the cause for logs. */
export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;

/** The message of anything thrown (an Error's message, else its string form), for reports and logs. */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
