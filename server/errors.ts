import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { AppError, isAppError, type ErrorCode } from "../core/errors.js";
import { writeSseEvent } from "./sse.js";

/** The HTTP status of each error code; a new code without a status fails type-checking. */
const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_FILE: 415,
  INDEX_NOT_READY: 503,
  INDEX_MISMATCH: 503,
  UPSTREAM_FAILED: 502,
  CONFIG_INVALID: 500,
  RATE_LIMITED: 429,
  SHUTTING_DOWN: 503,
  INTERNAL: 500,
};

interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** Any /api path no route answered. */
export const apiNotFound: RequestHandler = (req) => {
  throw new AppError("NOT_FOUND", `No such endpoint: ${req.method} ${req.path}`);
};

/**
 * Body-parser errors carry a `type` and keep their own status; a body that fails to decompress (corrupt gzip,
 * br or deflate) is a 4xx http-error without one. Everything else unknown is a bug.
 */
function toAppError(err: unknown, contentEncoding: string | undefined): AppError | undefined {
  if (isAppError(err)) return err;
  const { type, status, expose } = (err ?? {}) as { type?: unknown; status?: unknown; expose?: unknown };
  if (type === "entity.parse.failed") return new AppError("BAD_REQUEST", "Malformed JSON in request body", { cause: err });
  if (type === "entity.too.large") return new AppError("PAYLOAD_TOO_LARGE", "Request body is too large", { cause: err });
  if (type === "encoding.unsupported" || type === "charset.unsupported") {
    return new AppError("UNSUPPORTED_MEDIA_TYPE", "Unsupported request body encoding", { cause: err });
  }
  if (expose === true && typeof status === "number" && status >= 400 && status < 500) {
    const what = contentEncoding ? `as Content-Encoding ${contentEncoding}` : "";
    return new AppError("BAD_REQUEST", `The request body could not be read ${what}`.trim(), { cause: err });
  }
  return undefined;
}

/** Expected 503s (the index is loading, the server is stopping) are routine, not faults. */
const isRoutine503 = (code: ErrorCode): boolean => code === "INDEX_NOT_READY" || code === "SHUTTING_DOWN";

/**
 * The one error middleware: AppError → its status and `{ error: { code, message } }`; unknown errors are logged
 * with the request id and stack, and the client sees a generic 500. Mid-stream (SSE) it becomes an `error` event.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = toAppError(err, req.get("content-encoding"));
    const status = known ? STATUS[known.code] : 500;
    const log = req.log ?? logger;
    if (req.socket.destroyed || isClientAbort(err)) {
      // The client hung up (mid-upload, or its AbortSignal stopped the engine): nobody is left to answer.
      if (isClientAbort(err) || isAbort(err)) log.info("request aborted by the client");
      else log.error({ err }, "error after the client disconnected");
      return;
    }
    if (!known) log.error({ err }, "unhandled error");
    else if (status >= 500 && !isRoutine503(known.code)) log.warn({ err }, known.message);
    const body: ErrorBody = {
      error: known ? { code: known.code, message: known.message } : { code: "INTERNAL", message: "Internal server error" },
    };
    if (res.headersSent) {
      // Headers are out only on streams we opened; the client learns of the failure in-band.
      if (!res.writableEnded && !res.destroyed) {
        writeSseEvent(res, "error", body.error);
        res.end();
      }
      return;
    }
    res.status(status).json(body);
  };
}

/** body-parser's report of a body the client stopped sending. */
function isClientAbort(err: unknown): boolean {
  return (err as { type?: unknown } | null)?.type === "request.aborted";
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === "AbortError" || (err.cause instanceof Error && err.cause.name === "AbortError"));
}
