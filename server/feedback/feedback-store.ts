import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type Rating = "up" | "down";

/** What a reader sends about one answer (POST /api/feedback). */
export interface FeedbackInput {
  /** Chosen by the widget, so a comment added after the vote updates the same entry. */
  id: string;
  question: string;
  answer: string;
  /** The chunk ids of the answer's citations. */
  chunkIds: string[];
  rating: Rating;
  comment?: string | undefined;
  generator?: string | undefined;
}

/** A stored entry; times are ISO strings set by the server. */
export interface FeedbackRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  rating: Rating;
  comment: string | null;
  question: string;
  answer: string;
  chunkIds: string[];
  generator: string | null;
}

interface Row {
  id: string;
  created_at: string;
  updated_at: string;
  rating: Rating;
  comment: string | null;
  question: string;
  answer: string;
  chunk_ids: string;
  generator: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS feedback (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment TEXT,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  chunk_ids TEXT NOT NULL,
  generator TEXT
);
CREATE INDEX IF NOT EXISTS feedback_updated_at ON feedback (updated_at);`;

/**
 * Readers' feedback in a SQLite file (better-sqlite3: synchronous, one file, durable once a statement returns).
 * A second post with the same id changes the rating and, when it carries one, the comment.
 */
export class SqliteFeedbackStore {
  readonly #db: Database.Database;
  readonly #upsert: Database.Statement;
  readonly #since: Database.Statement<[string], Row>;

  constructor(file: string) {
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new Database(file);
    // WAL lets `npm run feedback` read while the server writes.
    this.#db.pragma("journal_mode = WAL");
    this.#db.exec(SCHEMA);
    this.#upsert = this.#db.prepare(`
      INSERT INTO feedback (id, created_at, updated_at, rating, comment, question, answer, chunk_ids, generator)
      VALUES (@id, @now, @now, @rating, @comment, @question, @answer, @chunkIds, @generator)
      ON CONFLICT (id) DO UPDATE SET rating = excluded.rating, updated_at = excluded.updated_at,
        comment = COALESCE(excluded.comment, feedback.comment)`);
    this.#since = this.#db.prepare<[string], Row>("SELECT * FROM feedback WHERE updated_at >= ? ORDER BY created_at, id");
  }

  put(input: FeedbackInput, now = new Date()): void {
    this.#upsert.run({
      id: input.id,
      now: now.toISOString(),
      rating: input.rating,
      comment: input.comment ?? null,
      question: input.question,
      answer: input.answer,
      chunkIds: JSON.stringify(input.chunkIds),
      generator: input.generator ?? null,
    });
  }

  /** Entries given or changed at or after `since` (all when absent), oldest first. */
  list(since?: Date): FeedbackRecord[] {
    return this.#since.all(since ? since.toISOString() : "").map(toRecord);
  }

  close(): void {
    this.#db.close();
  }
}

function toRecord(row: Row): FeedbackRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rating: row.rating,
    comment: row.comment,
    question: row.question,
    answer: row.answer,
    chunkIds: JSON.parse(row.chunk_ids) as string[],
    generator: row.generator,
  };
}
