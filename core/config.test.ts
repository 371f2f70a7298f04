import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { loadConfig } from "./config.js";
import { AppError } from "./errors.js";

const ROOT = path.resolve(import.meta.dirname, "..");

test("loadConfig · empty environment · offline defaults", () => {
  const config = loadConfig({});
  assert.equal(config.embeddings.provider, "local");
  assert.equal(config.generator.provider, "extractive");
  assert.equal(config.server.port, 3000);
  assert.equal(config.ingest.docsDir, path.resolve("../shared/corpus"));
  assert.ok(Object.isFrozen(config.server));
});

test("loadConfig · FEEDBACK_DB · a path resolved like the other folders, or :memory: kept as is", () => {
  assert.equal(loadConfig({}).feedback.dbPath, path.resolve(".data/feedback.sqlite"));
  assert.equal(loadConfig({ FEEDBACK_DB: ":memory:" }).feedback.dbPath, ":memory:");
});

test("loadConfig · OPENAI_BASE_URL set · switches embeddings and answers to the OpenAI-compatible server", () => {
  const config = loadConfig({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" });
  assert.equal(config.embeddings.provider, "openai");
  assert.equal(config.generator.provider, "openai");
  assert.equal(config.openai.baseURL, "http://127.0.0.1:11434/v1");
});

test("loadConfig · several bad keys · one error naming every key", () => {
  assert.throws(
    () => loadConfig({ PORT: "x", TOP_K: "99", EMBEDDINGS: "bert" }),
    (err: unknown) => err instanceof AppError && err.code === "CONFIG_INVALID" && ["PORT", "TOP_K", "EMBEDDINGS"].every((key) => err.message.includes(key)),
  );
});

test("loadConfig · openai generator without key or base URL · rejected", () => {
  assert.throws(() => loadConfig({ GENERATOR: "openai" }), /OPENAI_API_KEY or OPENAI_BASE_URL/);
});

test("loadConfig · STORE · local by default; postgres needs a postgres:// DATABASE_URL, which only it uses", () => {
  assert.equal(loadConfig({ DATABASE_URL: "postgres://u:p@db:5432/citebot" }).ingest.database, undefined);
  assert.deepEqual(loadConfig({ STORE: "postgres", DATABASE_URL: "postgres://u:p@db:5432/citebot" }).ingest.database, {
    url: "postgres://u:p@db:5432/citebot",
    schema: "citebot",
  });
  assert.throws(() => loadConfig({ STORE: "postgres", DATABASE_URL: "postgres://db/x", DATABASE_SCHEMA: "Drop table" }), /DATABASE_SCHEMA/);
  assert.throws(() => loadConfig({ STORE: "postgres" }), /STORE=postgres needs DATABASE_URL/);
  assert.throws(() => loadConfig({ STORE: "postgres", DATABASE_URL: "mysql://db/x" }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ STORE: "sqlite" }), /STORE/);
});

test("loadConfig · overlap not below chunk size · rejected", () => {
  assert.throws(() => loadConfig({ CHUNK_SIZE: "500", CHUNK_OVERLAP: "500" }), /CHUNK_OVERLAP/);
});

test("loadConfig · CORS_ORIGINS list · trimmed, in the canonical form browsers send", () => {
  const config = loadConfig({ CORS_ORIGINS: " https://a.example , HTTPS://Shop.Example:443/, http://b.example:8080/path," });
  assert.deepEqual(config.server.corsOrigins, ["https://a.example", "https://shop.example", "http://b.example:8080"]);
});

test("loadConfig · CORS_ORIGINS entry that is not an origin · rejected naming the key", () => {
  assert.throws(() => loadConfig({ CORS_ORIGINS: "https://a.example, shop.example" }), /CORS_ORIGINS.*origin such as/su);
  assert.throws(() => loadConfig({ CORS_ORIGINS: "https://*.example.com" }), /CORS_ORIGINS.*origin such as/su);
});

test("loadConfig · socket limits · defaults 15 s headers / 30 s request, headers above request rejected", () => {
  const { server } = loadConfig({});
  assert.deepEqual([server.headersTimeoutMs, server.requestTimeoutMs, server.shutdownGraceMs], [15_000, 30_000, 10_000]);
  assert.throws(() => loadConfig({ HEADERS_TIMEOUT_MS: "20000", REQUEST_TIMEOUT_MS: "10000" }), /HEADERS_TIMEOUT_MS.*REQUEST_TIMEOUT_MS/);
});

test("source tree · process.env · read only by core/config.ts", () => {
  const offenders = sourceFiles(ROOT).filter((file) => !file.endsWith(path.join("core", "config.ts")) && /process\.env\b/.test(readFileSync(file, "utf8")));
  assert.deepEqual(
    offenders.map((f) => path.relative(ROOT, f)),
    [],
  );
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith(".") || name === "node_modules" || name.endsWith(".test.ts")) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}

test("loadConfig · ALLOWED_HOSTS · defaults to HOST plus loopback; entries lower-cased, ports dropped", () => {
  assert.deepEqual(loadConfig({ HOST: "0.0.0.0" }).server.allowedHosts, ["0.0.0.0", "127.0.0.1", "localhost", "[::1]"]);
  assert.deepEqual(loadConfig({ ALLOWED_HOSTS: "Chat.Example.com:8443, docs.example" }).server.allowedHosts, ["chat.example.com", "docs.example"]);
});
