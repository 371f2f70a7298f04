import type { AskResponse, Citation, Turn } from "../../core/types.js";

export type BotStatus = "streaming" | "done" | "error";
export type Rating = "up" | "down";

/** The reader's vote on an answer; `id` names it on the server, so a later comment updates it. */
export interface Vote {
  id: string;
  rating: Rating;
  commented?: boolean;
}

export type Message =
  | { kind: "user"; id: string; text: string }
  | {
      kind: "bot";
      id: string;
      /** The question this message answers, so it can be retried. */
      question: string;
      text: string;
      citations: Citation[];
      status: BotStatus;
      response?: AskResponse;
      error?: string;
      vote?: Vote;
    };

export interface Conversation {
  open: boolean;
  messages: Message[];
}

const HISTORY_TURNS = 6;
const TURN_CHARS = 2000;

/** Keeps the conversation in sessionStorage so it survives a reload of the tab (and only the tab). */
export class ConversationStore {
  readonly #key: string;

  constructor(apiBase: string) {
    this.#key = `citebot:v1:${apiBase}`;
  }

  load(): Conversation {
    const raw = safeStorage()?.getItem(this.#key);
    if (!raw) return { open: false, messages: [] };
    try {
      const saved = JSON.parse(raw) as Conversation;
      // An answer still streaming when the page went away was cut off.
      for (const m of saved.messages) {
        if (m.kind === "bot" && m.status === "streaming") Object.assign(m, { status: "error", error: "The answer was interrupted by a page reload." });
      }
      return saved;
    } catch {
      // A corrupt entry (another script, an older format) must not break the widget: start afresh.
      return { open: false, messages: [] };
    }
  }

  save(conversation: Conversation): void {
    try {
      safeStorage()?.setItem(this.#key, JSON.stringify(conversation));
    } catch {
      // Storage full or denied (private mode): the conversation still works, it just won't survive a reload.
    }
  }
}

/** sessionStorage throws on access in some sandboxed iframes. */
function safeStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The finished turns before a new question, most recent last, capped in count and size. */
export function historyOf(messages: readonly Message[]): Turn[] {
  const turns: Turn[] = [];
  for (const m of messages) {
    if (m.kind === "user") turns.push({ role: "user", content: m.text.slice(0, TURN_CHARS) });
    else if (m.status === "done") turns.push({ role: "assistant", content: m.text.slice(0, TURN_CHARS) });
    else turns.pop(); // drop the question of a failed answer: it has no answer to follow up on
  }
  return turns.slice(-HISTORY_TURNS);
}
