/**
 * The k items with the highest scores, best first, in O(n log k): BM25 touches every posting of a
 * common term, and sorting all of them to keep ten is wasted work.
 */
export function topK(items: ArrayLike<number>, score: (item: number) => number, k: number): number[] {
  if (k <= 0) return [];
  const heap: number[] = []; // min-heap on score: heap[0] is the weakest of the best k so far
  const scores: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const s = score(item);
    if (heap.length < k) {
      heap.push(item);
      scores.push(s);
      siftUp(heap, scores, heap.length - 1);
    } else if (s > scores[0]!) {
      heap[0] = item;
      scores[0] = s;
      siftDown(heap, scores, 0);
    }
  }
  const order = heap.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || heap[a]! - heap[b]!);
  return order.map((i) => heap[i]!);
}

function siftUp(heap: number[], scores: number[], i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (scores[parent]! <= scores[i]!) return;
    swap(heap, scores, i, parent);
    i = parent;
  }
}

function siftDown(heap: number[], scores: number[], i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let min = i;
    if (l < heap.length && scores[l]! < scores[min]!) min = l;
    if (r < heap.length && scores[r]! < scores[min]!) min = r;
    if (min === i) return;
    swap(heap, scores, i, min);
    i = min;
  }
}

function swap(heap: number[], scores: number[], a: number, b: number): void {
  [heap[a], heap[b]] = [heap[b]!, heap[a]!];
  [scores[a], scores[b]] = [scores[b]!, scores[a]!];
}
