import { sameStem, singular } from "./same-stem.js";

/** A vocabulary numbered 0 … termCount-1 that lists the terms starting with a prefix (BM25's sorted vocabulary). */
export interface Vocabulary {
  readonly termCount: number;
  term(id: number): string;
  id(term: string): number | undefined;
  withPrefix(prefix: string): ArrayLike<number>;
}

/**
 * A word's other forms in the vocabulary, found among the words sharing its first four letters or those of its
 * singular. Every pair that sameStem accepts shares the first four letters of the words or of their singulars (see
 * sameStem), and a word's singular only differs from it in the first four letters when it is a six-letter "-ies"
 * plural ("lilies"/"lily"), so two prefix runs of the sorted vocabulary and that one plural hold every candidate:
 * nothing is scanned or bucketed when the index opens.
 */
export class StemBuckets {
  constructor(private readonly vocabulary: Vocabulary) {}

  /** Ids of the other forms of `word` in the vocabulary (sameStem), the word itself excluded. */
  forms(word: string): number[] {
    if (!stemmable(word)) return [];
    const one = singular(word);
    const candidates = new Set(Array.from(this.vocabulary.withPrefix(word.slice(0, 4))));
    if (one.length >= 4) {
      for (const id of Array.from(this.vocabulary.withPrefix(one.slice(0, 4)))) candidates.add(id);
      const plural = this.iesPlural(one.slice(0, 4));
      if (plural !== undefined) candidates.add(plural);
    }
    return [...candidates].filter((id) => {
      const other = this.vocabulary.term(id);
      return other !== word && sameStem(word, other);
    });
  }

  /** The six-letter "-ies" word whose singular is `key` ("lilies" for "lily"), if the vocabulary has it. */
  private iesPlural(key: string): number | undefined {
    if (!key.endsWith("y")) return undefined;
    const id = this.vocabulary.id(`${key.slice(0, 3)}ies`);
    return id !== undefined && singular(this.vocabulary.term(id)) === key ? id : undefined;
  }
}

// sameStem never matches a word under four letters or one with a figure to another word.
const stemmable = (word: string): boolean => word.length >= 4 && !/\d/u.test(word);
