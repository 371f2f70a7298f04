import type { GoldItem } from "./gold.js";
import type { AskRunner } from "./runners/runner.js";
import { failedQuestion, scoreQuestion, type QuestionResult } from "./score.js";

export interface RunOptions {
  k: number;
  signal?: AbortSignal;
  /** Called after each question, e.g. to advance a progress bar. */
  onResult?: (result: QuestionResult, done: number, total: number) => void;
}

/**
 * Asks every gold question in turn (sequentially, so latencies are not inflated by contention) and
 * scores it. A runner failure on one question is recorded on that question and the run goes on.
 */
export async function runGold(items: readonly GoldItem[], runner: AskRunner, { k, signal, onResult }: RunOptions): Promise<QuestionResult[]> {
  const results: QuestionResult[] = [];
  for (const item of items) {
    signal?.throwIfAborted();
    let result: QuestionResult;
    try {
      const request = { question: item.question, topK: k, ...(item.history ? { history: item.history } : {}) };
      result = scoreQuestion(item, await runner.ask(request, signal), k);
    } catch (err) {
      if (signal?.aborted) throw err;
      result = failedQuestion(item, err instanceof Error ? err.message : String(err), k);
    }
    results.push(result);
    onResult?.(result, results.length, items.length);
  }
  return results;
}
