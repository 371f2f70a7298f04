import pg from "pg";

/** One statement's runner: what a transaction hands its body. */
export interface SqlQuery {
  query<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

/**
 * What the PostgreSQL store needs of a database connection: statements and transactions. Two implementations:
 * node-postgres over a pool (`connectPostgres`, production) and PGlite in process (tests).
 */
export interface SqlClient extends SqlQuery {
  /** Runs `body` between BEGIN and COMMIT on one connection; rolls back and rethrows when it throws. */
  transaction<T>(body: (tx: SqlQuery) => Promise<T>): Promise<T>;
  /** Closes the connections; the client cannot be used afterwards. */
  close(): Promise<void>;
}

export interface PostgresOptions {
  /** Connections in the pool (a replica's concurrent searches). */
  maxConnections?: number;
}

/** A node-postgres pool for `url` (DATABASE_URL); idle connections do not keep the process alive. */
export function connectPostgres(url: string, { maxConnections = 4 }: PostgresOptions = {}): SqlClient {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, allowExitOnIdle: true });
  // An idle connection that breaks (server restart) is dropped by the pool and replaced on next use; the query
  // that finds no server reports it. Without a listener the pool's "error" event would end the process.
  pool.on("error", () => undefined);
  return {
    query: async <R extends object>(text: string, params?: readonly unknown[]) => (await pool.query<R>(text, params as unknown[])).rows,
    transaction: async (body) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await body({
          query: async <R extends object>(text: string, params?: readonly unknown[]) => (await client.query<R>(text, params as unknown[])).rows,
        });
        await client.query("COMMIT");
        return result;
      } catch (err) {
        // A connection that cannot roll back is discarded rather than handed to the next caller mid-transaction.
        await client.query("ROLLBACK").catch((rollbackErr: Error) => (broken = rollbackErr));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** `url` without its password, for messages and logs. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return "(unparsable DATABASE_URL)";
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
