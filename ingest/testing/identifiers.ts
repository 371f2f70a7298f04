/** Test helper: generated identifiers of the kinds documentation is full of, from a seeded generator. */

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";

/** `count` identifiers: letters+digits, snake_case, CamelCase, dotted names, paths, versions, options, TeX commands, dunder names. */
export function generateIdentifiers(count: number, seed = 7): string[] {
  const rand = seededRandom(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const word = (min = 3, max = 8) => Array.from({ length: min + int(max - min + 1) }, () => LOWER[int(26)]).join("");
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  const kinds: (() => string)[] = [
    () => `${word()}${1 + int(999)}`, // int4, utf8, expl3, float64
    () => `${word()}_${word()}${rand() < 0.5 ? `_${word()}` : ""}`,
    () => `${cap(word())}${cap(word())}${rand() < 0.3 ? 1 + int(9) : ""}`,
    () => `${word()}.${word()}${rand() < 0.5 ? `.${word()}${int(99)}` : ""}`,
    () => `/${word()}/${word()}/${word()}${1 + int(9)}.${word(1, 3)}`,
    () => `${1 + int(9)}.${int(20)}.${int(30)}`,
    () => `--${word()}-${word()}`,
    () => `\\${word(6, 14)}`,
    () => `__${word()}__`,
    () => `${word()}${1 + int(9)}-${word()}`,
    () => `${word()}(${word()}[${int(9)}], *${word()}, **${word()})`,
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]!());
}
