import { after, before } from "node:test";
import type { ServedEngine } from "../engine-gate.js";
import type { SqliteFeedbackStore } from "../feedback/feedback-store.js";
import { openCorpusEngine, type CorpusEngine } from "./corpus-engine.js";
import { startTestServer, type TestServer } from "./start.js";

/** The running server of a suite and the engine it serves (usable inside tests, not at describe time). */
export interface CorpusServer {
  readonly url: string;
  readonly engine: ServedEngine;
  /** Where the app stores readers' feedback. */
  readonly feedback: SqliteFeedbackStore;
}

/**
 * For the enclosing describe: before() builds the real engine over the sample corpus and starts the app on
 * 127.0.0.1 serving `wrap(engine)` (with `env` over the test defaults); after() stops it and deletes the temporary index.
 */
export function serveCorpus(wrap: (engine: ServedEngine) => ServedEngine = (engine) => engine, env: Record<string, string> = {}): CorpusServer {
  let corpus: CorpusEngine | undefined;
  let srv: TestServer | undefined;
  before(async () => {
    corpus = await openCorpusEngine();
    srv = await startTestServer(wrap(corpus.engine), env);
  });
  after(async () => {
    await srv?.close();
    await corpus?.dispose();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("serveCorpus: the suite's server is not started yet (use it inside tests)");
    return value;
  };
  return {
    get url() {
      return started(srv).url;
    },
    get engine() {
      return started(corpus).engine;
    },
    get feedback() {
      return started(srv).feedback;
    },
  };
}
