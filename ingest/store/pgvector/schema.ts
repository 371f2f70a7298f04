import { AppError } from "../../../core/errors.js";
import type { ChunkingSettings } from "../manifest.js";
import type { SqlClient, SqlQuery } from "./sql-client.js";

/** Bumped whenever the tables change shape; a schema of another version is rebuilt by `npm run ingest -- --rebuild`. */
export const PG_FORMAT_VERSION = 2;

/**
 * How the lexical side's tsvector is made (recorded in meta: it shapes the column). "english" and "simple" are
 * PostgreSQL's text search configurations over section + text; "citebot" indexes the local store's analyzer terms
 * (technical names whole and by their parts, as ingest/text/tokenize.ts makes them), which the store writes into the
 * `terms` column as plain words (lexemes.ts), so that both stores rank by the same terms.
 */
export type TextSearchConfig = "english" | "simple" | "citebot";

/** The meta row: what the chunks were built with, so that a foreign embedder is refused like the local store does. */
export interface PgMeta {
  formatVersion: number;
  embedder: { id: string; dim: number };
  textSearch: TextSearchConfig;
  chunking: ChunkingSettings | null;
  builtAt: string | null;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,50}$/u;

/** A schema name is spliced into statements (identifiers cannot be parameters): only plain lower-case names pass. */
export function checkSchemaName(name: string): string {
  if (!IDENTIFIER.test(name)) throw new AppError("CONFIG_INVALID", `PostgreSQL schema name "${name}" must match ${IDENTIFIER.source}`);
  return name;
}

/**
 * Creates the store's tables in a new schema: chunks with their vector (HNSW, cosine) and a generated tsvector of
 * section + text or of the analyzer's terms (GIN), the per-file hashes, and the meta row. `token_count` gives BM25 each chunk's length.
 */
export async function createSchema(sql: SqlClient, schema: string, meta: Omit<PgMeta, "builtAt" | "chunking">): Promise<void> {
  const s = checkSchemaName(schema);
  const words =
    meta.textSearch === "citebot"
      ? "to_tsvector('simple'::regconfig, terms)"
      : `to_tsvector('${meta.textSearch}'::regconfig, coalesce(section, '') || ' ' || text)`;
  await sql.query("CREATE EXTENSION IF NOT EXISTS vector");
  await sql.transaction(async (tx) => {
    for (const statement of [
      `CREATE SCHEMA ${s}`,
      `CREATE FUNCTION ${s}.token_count(tsvector) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
         AS $$ SELECT coalesce(sum(coalesce(array_length(positions, 1), 1)), 0)::int FROM unnest($1) $$`,
      `CREATE TABLE ${s}.meta (
         singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
         format_version integer NOT NULL, embedder_id text NOT NULL, dim integer NOT NULL,
         text_search text NOT NULL, chunking jsonb, built_at timestamptz)`,
      `CREATE TABLE ${s}.files (source text PRIMARY KEY, hash text NOT NULL, bytes bigint NOT NULL, indexed_at timestamptz NOT NULL)`,
      `CREATE TABLE ${s}.chunks (
         id text PRIMARY KEY, source text NOT NULL, ord bigint NOT NULL,
         title text NOT NULL, section text, url text, text text NOT NULL,
         metadata jsonb NOT NULL,
         embedding vector(${meta.embedder.dim}) NOT NULL,
         terms text NOT NULL DEFAULT '',
         tsv tsvector GENERATED ALWAYS AS (${words}) STORED,
         len integer GENERATED ALWAYS AS (${s}.token_count(${words})) STORED)`,
      `CREATE INDEX ON ${s}.chunks (source)`,
      `CREATE INDEX ON ${s}.chunks USING gin (tsv)`,
      `CREATE INDEX ON ${s}.chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)`,
    ])
      await tx.query(statement);
    await tx.query(`INSERT INTO ${s}.meta (format_version, embedder_id, dim, text_search) VALUES ($1, $2, $3, $4)`, [
      meta.formatVersion,
      meta.embedder.id,
      meta.embedder.dim,
      meta.textSearch,
    ]);
  });
}

interface MetaRow {
  format_version: number;
  embedder_id: string;
  dim: number;
  text_search: TextSearchConfig;
  chunking: ChunkingSettings | null;
  built_at: Date | string | null;
}

/** The meta row of `schema`; INDEX_NOT_READY when the schema holds no store, INDEX_MISMATCH when its version is another. */
export async function readMeta(sql: SqlQuery, schema: string, where: string): Promise<PgMeta> {
  const s = checkSchemaName(schema);
  const rows = await sql.query<MetaRow>(`SELECT format_version, embedder_id, dim, text_search, chunking, built_at FROM ${s}.meta`).catch((err: unknown) => {
    // 42P01 undefined_table, 3F000 invalid_schema_name: nothing was ever ingested into this schema.
    const code = (err as { code?: string }).code;
    if (code === "42P01" || code === "3F000") throw new AppError("INDEX_NOT_READY", `No index in ${where}; build it with \`npm run ingest\``, { cause: err });
    // Anything else (no server, no permission) is not "no index": ingest must not answer it with a rebuild.
    throw new AppError("INTERNAL", `Cannot read the index in ${where}: ${(err as Error).message}`, { cause: err });
  });
  const row = rows[0];
  if (!row) throw new AppError("INDEX_NOT_READY", `No index in ${where} (its meta row is missing); build it with \`npm run ingest\``);
  if (row.format_version !== PG_FORMAT_VERSION) {
    throw new AppError(
      "INDEX_MISMATCH",
      `The index in ${where} has format version ${row.format_version}, this citebot writes ${PG_FORMAT_VERSION}; re-ingest with \`npm run ingest -- --rebuild\``,
    );
  }
  return {
    formatVersion: row.format_version,
    embedder: { id: row.embedder_id, dim: row.dim },
    textSearch: row.text_search,
    chunking: row.chunking,
    builtAt: row.built_at === null ? null : new Date(row.built_at).toISOString(),
  };
}

/** Rejects a store built with another embedder or dimension: its vectors cannot be compared with the query's. */
export function checkEmbedder(meta: PgMeta, embedder: { id: string; dim: number }, where: string): void {
  const built = meta.embedder;
  if (built.id === embedder.id && built.dim === embedder.dim) return;
  throw new AppError(
    "INDEX_MISMATCH",
    `The index in ${where} was built with ${built.id} (dim ${built.dim}) but the configured embedder is ` +
      `${embedder.id} (dim ${embedder.dim}); re-ingest with \`npm run ingest -- --rebuild\``,
    { details: { index: built, configured: { id: embedder.id, dim: embedder.dim } } },
  );
}

/**
 * Puts a fully built schema in place of `target` in one transaction (DDL is transactional in PostgreSQL): readers
 * see the old store or the new one, and a crash before the commit leaves the old one.
 */
export async function swapSchema(sql: SqlClient, built: string, target: string): Promise<void> {
  const [from, to] = [checkSchemaName(built), checkSchemaName(target)];
  await sql.transaction(async (tx) => {
    await tx.query(`DROP SCHEMA IF EXISTS ${to} CASCADE`);
    await tx.query(`ALTER SCHEMA ${from} RENAME TO ${to}`);
  });
}

/** Drops a schema that was never swapped in (a rebuild given up). */
export async function dropSchema(sql: SqlClient, schema: string): Promise<void> {
  await sql.query(`DROP SCHEMA IF EXISTS ${checkSchemaName(schema)} CASCADE`);
}
