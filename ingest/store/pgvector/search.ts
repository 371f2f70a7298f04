import type { Hit } from "../../../core/types.js";
import type { Bm25Params } from "../bm25.js";
import { CHUNK_COLUMNS, chunkOfRow, vectorLiteral, type ChunkRow } from "./chunk-rows.js";
import { checkSchemaName, type TextSearchConfig } from "./schema.js";
import type { SqlClient } from "./sql-client.js";

/** HNSW candidates examined per search (pgvector's default is 40, which also caps the results): as the local store. */
export const EF_SEARCH = 400;

/**
 * The k nearest chunks by cosine (score = 1 - cosine distance, higher is better), through the HNSW index. ef_search
 * is set per transaction (SET LOCAL), so it holds behind a transaction-pooling proxy such as PgBouncer.
 */
export async function denseSearch(sql: SqlClient, schema: string, vector: readonly number[], k: number): Promise<Hit[]> {
  const s = checkSchemaName(schema);
  const rows = await sql.transaction(async (tx) => {
    await tx.query(`SET LOCAL hnsw.ef_search = ${Math.max(EF_SEARCH, Math.ceil(k))}`);
    return tx.query<ChunkRow & { distance: number }>(
      `SELECT ${CHUNK_COLUMNS}, embedding <=> $1::vector AS distance FROM ${s}.chunks ORDER BY embedding <=> $1::vector LIMIT $2`,
      [vectorLiteral(vector), k],
    );
  });
  return rows.map((row) => ({ chunk: chunkOfRow(row), score: 1 - row.distance, via: "dense" }));
}

/**
 * BM25 over the tsvector column, computed in SQL with the local store's formula and parameters: the query's lexemes
 * (same text search configuration as the column), their document frequencies from the GIN index, term frequencies
 * from the matching chunks' tsvectors, lengths from `len`. A plain ts_rank has no IDF and a scale of its own, while
 * the retriever weighs this score against BM25's ceiling. A chunk matches when it holds any of the query's lexemes.
 * For a "citebot" store the caller passes the query's encoded analyzer terms (lexemes.ts) with the "simple" config.
 */
export async function lexicalSearch(
  sql: SqlClient,
  schema: string,
  config: Exclude<TextSearchConfig, "citebot">,
  bm25: Bm25Params,
  query: string,
  k: number,
): Promise<Hit[]> {
  const s = checkSchemaName(schema);
  const rows = await sql.query<ChunkRow & { score: number }>(
    `WITH terms AS (
       SELECT DISTINCT t.lexeme, format('''%s''', replace(replace(t.lexeme, '\\', '\\\\'), '''', ''''''))::tsquery AS tq
       FROM unnest(to_tsvector('${config}'::regconfig, $1)) AS t
     ), corpus AS (
       SELECT count(*)::float8 AS n, coalesce(avg(len), 0)::float8 AS avglen FROM ${s}.chunks
     ), weighted AS (
       SELECT terms.lexeme, terms.tq, ln(1 + (corpus.n - d.df + 0.5) / (d.df + 0.5)) * ($3::float8 + 1) AS w
       FROM terms CROSS JOIN corpus CROSS JOIN LATERAL (SELECT count(*)::float8 AS df FROM ${s}.chunks WHERE tsv @@ terms.tq) d
       WHERE d.df > 0
     ), scored AS (
       SELECT c.id, c.ord, sum(w.w * tf.n / (tf.n + $3::float8 * (1 - $4::float8 + $4::float8 * c.len / greatest(corpus.avglen, 1)))) AS score
       FROM weighted w
       JOIN ${s}.chunks c ON c.tsv @@ w.tq
       CROSS JOIN corpus
       CROSS JOIN LATERAL (SELECT coalesce(array_length(u.positions, 1), 1)::float8 AS n FROM unnest(c.tsv) u WHERE u.lexeme = w.lexeme) tf
       GROUP BY c.id, c.ord
       ORDER BY score DESC, c.ord
       LIMIT $2
     )
     SELECT ${CHUNK_COLUMNS.split(", ")
       .map((col) => `c.${col}`)
       .join(", ")}, scored.score FROM scored JOIN ${s}.chunks c USING (id) ORDER BY scored.score DESC, scored.ord`,
    [query, k, bm25.k1, bm25.b],
  );
  return rows.map((row) => ({ chunk: chunkOfRow(row), score: row.score, via: "lexical" }));
}
