import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { AppError } from "../core/errors.js";

const digest = (text: string): Buffer => createHash("sha256").update(text).digest();

/**
 * Requires `Authorization: Bearer <key>`. Both sides are hashed first, so the constant-time comparison sees
 * equal lengths and the time taken says nothing about the key, not even its length.
 */
export function requireAdminKey(key: string): RequestHandler {
  const expected = digest(key);
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get("authorization") ?? "");
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      res.set("WWW-Authenticate", 'Bearer realm="citebot admin"');
      throw new AppError("UNAUTHORIZED", match ? "The API key is not valid" : "This endpoint needs Authorization: Bearer <ADMIN_API_KEY>");
    }
    next();
  };
}
