import { sameStem, singular } from "./same-stem.js";

/** A vocabulary numbered 0 … termCount-1. */
export interface Vocabulary {
  readonly termCount: number;
  term(id: number): string;
}

/**
 * The vocabulary's words grouped by their first four letters and by those of their singular. Every pair that
 * sameStem accepts shares the first four letters of the words or of their singulars (see sameStem), so a
 * word's other forms are found among a bucket or three instead of the whole vocabulary.
 */
export class StemBuckets {
  private readonly byPrefix = new Map<string, number[]>();
  private readonly bySingular = new Map<string, number[]>();

  constructor(private readonly vocabulary: Vocabulary) {
    for (let id = 0; id < vocabulary.termCount; id++) {
      const word = vocabulary.term(id);
      if (!stemmable(word)) continue;
      push(this.byPrefix, word.slice(0, 4), id);
      const one = singular(word);
      if (one !== word && one.length >= 4) push(this.bySingular, one.slice(0, 4), id);
    }
  }

  /** Ids of the other forms of `word` in the vocabulary (sameStem), the word itself excluded. */
  forms(word: string): number[] {
    if (!stemmable(word)) return [];
    const one = singular(word);
    const keys = [word.slice(0, 4), one.slice(0, 4)];
    const candidates = new Set([...(this.byPrefix.get(keys[0]!) ?? []), ...(this.byPrefix.get(keys[1]!) ?? [])]);
    if (one.length >= 4) for (const id of this.bySingular.get(keys[1]!) ?? []) candidates.add(id);
    return [...candidates].filter((id) => {
      const other = this.vocabulary.term(id);
      return other !== word && sameStem(word, other);
    });
  }
}

// sameStem never matches a word under four letters or one with a figure to another word.
const stemmable = (word: string): boolean => word.length >= 4 && !/\d/u.test(word);

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
