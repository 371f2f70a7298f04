import { sendFeedback } from "./api.js";
import type { Message, Rating, Vote } from "./store.js";

type BotMessage = Extract<Message, { kind: "bot" }>;

/**
 * Sends the reader's vote on `bot` (and the comment, when given) to POST /api/feedback and returns the vote to
 * keep with the message. A first vote gets a new id; later ones reuse it, so the server updates one entry.
 */
export async function sendVote(apiBase: string, bot: BotMessage, rating: Rating, comment?: string): Promise<Vote> {
  const vote: Vote = { id: bot.vote?.id ?? randomId(), rating, commented: Boolean(bot.vote?.commented) || comment !== undefined };
  await sendFeedback(apiBase, {
    id: vote.id,
    question: bot.question,
    answer: bot.text,
    chunkIds: bot.citations.map((c) => c.chunkId),
    rating,
    ...(comment === undefined ? {} : { comment }),
    ...(bot.response ? { generator: bot.response.generator } : {}),
  });
  return vote;
}

/** Random enough not to collide with another reader's, and available on http pages (randomUUID is not). */
function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, "0")).join("");
}
