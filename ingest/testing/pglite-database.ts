import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite/vector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { SqlClient } from "../store/pgvector/sql-client.js";

/** An in-memory PostgreSQL (PGlite, WebAssembly) with pgvector, reachable in process and over the wire protocol. */
export interface PgliteDatabase {
  /** The database in process, without a socket. */
  sql: SqlClient;
  /** postgres:// URL of the socket server on 127.0.0.1 (for the `pg` driver: the real wire protocol). */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts PGlite with the vector extension and serves it on a free port. PGlite is one backend: the socket server
 * queues statements, and one connection's open transaction holds the others' statements until it ends.
 */
export async function startPgliteDatabase({ maxConnections = 8 }: { maxConnections?: number } = {}): Promise<PgliteDatabase> {
  const db = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections });
  await server.start();
  return {
    sql: pgliteClient(db),
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}

function pgliteClient(db: PGlite): SqlClient {
  return {
    query: async <R extends object>(text: string, params?: readonly unknown[]) => (await db.query<R>(text, params as unknown[])).rows,
    transaction: (body) =>
      db.transaction((tx) =>
        body({ query: async <R extends object>(text: string, params?: readonly unknown[]) => (await tx.query<R>(text, params as unknown[])).rows }),
      ),
    // The database outlives the stores opened on it: startPgliteDatabase's close ends it.
    close: async () => undefined,
  };
}
