import { readFile } from "node:fs/promises";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { Chunk } from "../../core/types.js";
import { cleanDocument, isSupported, loadFile, scanDocs } from "../../ingest/index.js";

export interface BaselineChunking {
  chunkSize: number;
  chunkOverlap: number;
}

/** The common recipe's chunks: our loaders and cleaning, then LangChain's RecursiveCharacterTextSplitter. */
export async function loadBaselineChunks(docsDir: string, { chunkSize, chunkOverlap }: BaselineChunking): Promise<Chunk[]> {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize, chunkOverlap });
  const chunks: Chunk[] = [];
  for (const file of (await scanDocs(docsDir)).filter((f) => isSupported(f.source))) {
    const doc = cleanDocument(await loadFile(await readFile(file.absPath), file.source), file.source);
    let cursor = 0;
    for (const [ordinal, text] of (await splitter.splitText(doc.text)).entries()) {
      // The splitter returns text, not offsets; overlapping chunks start after the previous start.
      const found = doc.text.indexOf(text, cursor);
      const start = found >= 0 ? found : cursor;
      cursor = start + 1;
      chunks.push({ id: `${doc.source}#${ordinal}`, source: doc.source, title: doc.title, page: null, date: doc.date, start, end: start + text.length, text });
    }
  }
  return chunks;
}
