import type { Citation } from "../../core/types.js";
import { markerIds } from "./markers.js";

export interface CitationValidity {
  valid: boolean;
  problems: string[];
}

/**
 * The REST contract: every [n] resolves to a citation with id n, every citation is referenced at least
 * once, ids are unique, an answer (not an abstention) cites something, and an abstention cites nothing.
 */
export function citationValidity(answer: string, abstained: boolean, citations: readonly Pick<Citation, "id">[]): CitationValidity {
  const problems: string[] = [];
  const ids = citations.map((c) => c.id);
  const markers = new Set(markerIds(answer));
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push(`citation id ${id} is used twice`);
  for (const n of markers) if (!ids.includes(n)) problems.push(`marker [${n}] resolves to no citation`);
  for (const id of new Set(ids)) if (!markers.has(id)) problems.push(`citation ${id} is never referenced`);
  if (abstained && citations.length) problems.push("an abstention carries citations");
  if (!abstained && !markers.size) problems.push("the answer has no [n] marker");
  return { valid: problems.length === 0, problems };
}
