/**
 * A read-only word → row hash table over typed arrays (open addressing, linear probing, FNV-1a over
 * UTF-16 code units). It is stored in the word-vector cache as is, so loading 341k words costs no
 * parsing, splitting or Map building (those took 0.2–0.5 s); and, unlike a plain object, a word such as
 * "constructor" or "__proto__" is just a word.
 */
export class WordIndex {
  /** All words' UTF-16 code units, concatenated in row order. */
  readonly chars: Uint16Array;
  /** Word i is chars[offsets[i] .. offsets[i + 1]). */
  readonly offsets: Uint32Array;
  /** Power-of-two table of rows, -1 for an empty slot. */
  readonly slots: Int32Array;

  constructor(parts: { chars: Uint16Array; offsets: Uint32Array; slots: Int32Array }) {
    this.chars = parts.chars;
    this.offsets = parts.offsets;
    this.slots = parts.slots;
  }

  /** Indexes `words` (row = position); the table stays at most half full so probes stay short. */
  static build(words: readonly string[]): WordIndex {
    const offsets = new Uint32Array(words.length + 1);
    words.forEach((w, i) => (offsets[i + 1] = offsets[i]! + w.length));
    const chars = new Uint16Array(offsets[words.length]!);
    words.forEach((w, i) => {
      for (let c = 0; c < w.length; c++) chars[offsets[i]! + c] = w.charCodeAt(c);
    });
    const slots = new Int32Array(2 ** Math.ceil(Math.log2(words.length * 2 + 1))).fill(-1);
    const index = new WordIndex({ chars, offsets, slots });
    words.forEach((w, row) => {
      if (index.get(w) !== undefined) throw new RangeError(`duplicate word ${JSON.stringify(w)} at row ${row}`);
      slots[index.freeSlot(w)] = row;
    });
    return index;
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  get(word: string): number | undefined {
    const mask = this.slots.length - 1;
    for (let i = fnv1a(word) & mask; ; i = (i + 1) & mask) {
      const row = this.slots[i]!;
      if (row < 0) return undefined;
      if (this.rowIs(row, word)) return row;
    }
  }

  wordAt(row: number): string {
    return String.fromCharCode(...this.chars.subarray(this.offsets[row], this.offsets[row + 1]));
  }

  private rowIs(row: number, word: string): boolean {
    const start = this.offsets[row]!;
    if (this.offsets[row + 1]! - start !== word.length) return false;
    for (let c = 0; c < word.length; c++) if (this.chars[start + c] !== word.charCodeAt(c)) return false;
    return true;
  }

  private freeSlot(word: string): number {
    const mask = this.slots.length - 1;
    let i = fnv1a(word) & mask;
    while (this.slots[i]! >= 0) i = (i + 1) & mask;
    return i;
  }
}

/** 32-bit FNV-1a over UTF-16 code units: fast, and stable across runs and platforms (it is stored on disk). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
