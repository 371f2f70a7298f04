import { readFileSync } from "node:fs";
import path from "node:path";
import { Router } from "express";
import { buildOpenApi } from "../openapi.js";

const PACKAGE_JSON = path.resolve(import.meta.dirname, "..", "..", "package.json");

/** GET /api/openapi.json: the OpenAPI 3.1 document, built once when the app is created. */
export function openApiRoute(options: { admin: boolean }): Router {
  const { version } = JSON.parse(readFileSync(PACKAGE_JSON, "utf8")) as { version: string };
  const document = buildOpenApi({ admin: options.admin, version });
  return Router().get("/api/openapi.json", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").json(document);
  });
}
