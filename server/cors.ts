import cors from "cors";
import type { RequestHandler } from "express";
import { AppError } from "../core/errors.js";

const SHARED = {
  methods: ["GET", "POST"],
  allowedHeaders: ["Content-Type", "X-Request-Id"],
  exposedHeaders: ["X-Request-Id", "RateLimit", "RateLimit-Policy", "Retry-After"],
  maxAge: 600,
};

/**
 * CORS for /api from config.server.corsOrigins: open to every origin when the list is empty; otherwise the
 * listed origins (and the server's own pages, reached by one of `ownHosts`) are allowed and any other Origin
 * gets 403 FORBIDDEN, which that origin may read (a preflight refused this way still fails in the browser; a
 * simple GET shows the reason).
 */
export function corsPolicy(origins: readonly string[], ownHosts: readonly string[]): RequestHandler {
  if (origins.length === 0) return cors({ ...SHARED, origin: "*" });
  const allowed = new Set(origins);
  const own = new Set(ownHosts);
  const listed = cors({ ...SHARED, origin: [...origins] });
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && !allowed.has(origin) && !isOwnOrigin(origin, req.headers.host, own)) {
      // The refusal itself is readable by the refused page, so the widget can say "this site is not allowed"
      // instead of "can't reach the assistant". It grants nothing: every request from there gets this 403.
      res.set("Access-Control-Allow-Origin", origin).vary("Origin");
      throw new AppError("FORBIDDEN", `This site (${origin}) is not allowed to use the assistant; the server's CORS_ORIGINS must list it`);
    }
    listed(req, res, next);
  };
}

/**
 * Browsers send Origin on same-origin POSTs too; the demo page must keep working when a list is set. The Host
 * header alone proves nothing: a page on evil.example whose name was rebound to this server's address sends
 * `Origin: http://evil.example` with `Host: evil.example`, so the host must also be one of the server's own.
 */
function isOwnOrigin(origin: string, host: string | undefined, own: ReadonlySet<string>): boolean {
  if (!host || !URL.canParse(origin) || !URL.canParse(`http://${host}`)) return false;
  return new URL(origin).host === host.toLowerCase() && own.has(new URL(`http://${host}`).hostname);
}
