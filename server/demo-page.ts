import { readFile } from "node:fs/promises";
import path from "node:path";
import escapeHtml from "escape-html";
import type { Health } from "../core/types.js";
import type { DocumentSummary } from "../rag/index.js";

const TEMPLATE = path.join(import.meta.dirname, "public", "demo.html");

export interface DemoPageData {
  /** Where this server is reached, for the embed snippet. */
  origin: string;
  /** Absent while the index is being built. */
  health?: Health;
  documents?: readonly DocumentSummary[];
}

/** The template ships with the code, so it is read once, on the first request. */
let template: Promise<string> | undefined;

/** Fills server/public/demo.html; every inserted value is HTML-escaped. */
export async function renderDemoPage(data: DemoPageData): Promise<string> {
  const html = await (template ??= readFile(TEMPLATE, "utf8"));
  const values: Record<string, string> = {
    origin: escapeHtml(data.origin),
    stats: escapeHtml(describeIndex(data.health)),
    documents: listDocuments(data.documents),
  };
  return html.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

function describeIndex(health: Health | undefined): string {
  if (!health) return "The index is being built; the assistant answers once it is ready (reload this page to see what it holds).";
  const built = new Date(health.indexBuiltAt);
  const when = Number.isNaN(built.getTime()) ? health.indexBuiltAt : built.toISOString().slice(0, 16).replace("T", " ") + " UTC";
  return `${plural(health.documents, "document")}, ${plural(health.chunks, "passage")}, indexed ${when}. Embeddings: ${health.embeddings}; answers: ${health.generator}.`;
}

function listDocuments(documents: readonly DocumentSummary[] | undefined): string {
  if (!documents?.length) return "";
  const items = documents.map((d) => {
    const date = d.date ? ` <span class="muted">(${escapeHtml(d.date)})</span>` : "";
    return `<li><strong>${escapeHtml(d.title)}</strong>${date}<br><code>${escapeHtml(d.source)}</code></li>`;
  });
  return `<ul class="docs">${items.join("")}</ul>`;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
