import type { Chunk } from "../../../core/types.js";
import type { FileEntry } from "../source-ledger.js";
import { checkSchemaName } from "./schema.js";
import type { SqlQuery } from "./sql-client.js";

/** A chunk as the store keeps it: its place in ingest order and its unit vector. */
export interface StoredChunk {
  chunk: Chunk;
  ord: number;
  vector: Float32Array;
}

/** The columns a chunk is read back from (`metadata` holds every Chunk field without a column of its own). */
export const CHUNK_COLUMNS = "id, source, title, section, url, text, metadata";

export interface ChunkRow {
  id: string;
  source: string;
  title: string;
  section: string | null;
  url: string | null;
  text: string;
  metadata: Omit<Chunk, "id" | "source" | "title" | "section" | "url" | "text">;
}

export function chunkOfRow(row: ChunkRow): Chunk {
  const { id, source, title, section, url, text, metadata } = row;
  return { id, source, title, ...metadata, text, ...(section === null ? {} : { section }), ...(url === null ? {} : { url }) };
}

/** pgvector's text form ("[0.1,0.2]"), which is also JSON. */
export const vectorLiteral = (v: ArrayLike<number>): string => `[${Array.from(v).join(",")}]`;

/** Rows per INSERT: parameters are arrays (one per column), so the statement size does not grow with the batch. */
const INSERT_BATCH = 500;

/** Inserts or replaces chunks by id, in batches of column arrays unnested server-side; `termsOf` fills the terms column. */
export async function upsertChunks(tx: SqlQuery, schema: string, stored: readonly StoredChunk[], termsOf: (chunk: Chunk) => string): Promise<void> {
  const s = checkSchemaName(schema);
  for (let i = 0; i < stored.length; i += INSERT_BATCH) {
    const batch = stored.slice(i, i + INSERT_BATCH);
    const column = <T>(pick: (e: StoredChunk) => T) => batch.map(pick);
    await tx.query(
      `INSERT INTO ${s}.chunks (id, source, ord, title, section, url, text, metadata, embedding, terms)
       SELECT id, source, ord, title, section, url, text, metadata::jsonb, embedding::vector, terms
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
         AS t(id, source, ord, title, section, url, text, metadata, embedding, terms)
       ON CONFLICT (id) DO UPDATE SET source = excluded.source, ord = excluded.ord, title = excluded.title, section = excluded.section,
         url = excluded.url, text = excluded.text, metadata = excluded.metadata, embedding = excluded.embedding, terms = excluded.terms`,
      [
        column((e) => e.chunk.id),
        column((e) => e.chunk.source),
        column((e) => e.ord),
        column((e) => e.chunk.title),
        column((e) => e.chunk.section ?? null),
        column((e) => e.chunk.url ?? null),
        column((e) => e.chunk.text),
        column((e) => JSON.stringify(metadataOf(e.chunk))),
        column((e) => vectorLiteral(e.vector)),
        column((e) => termsOf(e.chunk)),
      ],
    );
  }
}

function metadataOf(chunk: Chunk): ChunkRow["metadata"] {
  const { id: _id, source: _source, title: _title, section: _section, url: _url, text: _text, ...rest } = chunk;
  return rest;
}

export async function upsertFile(tx: SqlQuery, schema: string, source: string, file: FileEntry): Promise<void> {
  await tx.query(
    `INSERT INTO ${checkSchemaName(schema)}.files (source, hash, bytes, indexed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (source) DO UPDATE SET hash = excluded.hash, bytes = excluded.bytes, indexed_at = excluded.indexed_at`,
    [source, file.hash, file.bytes, file.indexedAt ?? new Date().toISOString()],
  );
}

export async function deleteSource(tx: SqlQuery, schema: string, source: string): Promise<void> {
  const s = checkSchemaName(schema);
  await tx.query(`DELETE FROM ${s}.chunks WHERE source = $1`, [source]);
  await tx.query(`DELETE FROM ${s}.files WHERE source = $1`, [source]);
}

/** Every chunk with its vector, in ingest order, and every file record: what a store keeps in memory. */
export async function loadAll(sql: SqlQuery, schema: string): Promise<{ chunks: StoredChunk[]; files: Map<string, FileEntry> }> {
  const s = checkSchemaName(schema);
  const rows = await sql.query<ChunkRow & { ord: number; embedding: string }>(
    `SELECT ${CHUNK_COLUMNS}, ord::float8 AS ord, embedding::text AS embedding FROM ${s}.chunks ORDER BY ord`,
  );
  const chunks = rows.map((row) => ({ chunk: chunkOfRow(row), ord: row.ord, vector: Float32Array.from(JSON.parse(row.embedding) as number[]) }));
  const fileRows = await sql.query<{ source: string; hash: string; bytes: number; indexed_at: Date | string }>(
    `SELECT source, hash, bytes::float8 AS bytes, indexed_at FROM ${s}.files`,
  );
  const files = new Map(fileRows.map((f) => [f.source, { hash: f.hash, bytes: f.bytes, indexedAt: new Date(f.indexed_at).toISOString() }]));
  return { chunks, files };
}
