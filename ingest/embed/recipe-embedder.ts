import type { Embedder, WorkerRecipe } from "./embedder.js";
import { WinkEmbedder } from "./wink.js";

const opened = new Map<string, Promise<Embedder>>();

/** The embedder a recipe describes, opened once per thread (the first file a worker embeds pays the ~0.1 s load). */
export function embedderFromRecipe(recipe: WorkerRecipe): Promise<Embedder> {
  const key = JSON.stringify(recipe);
  let embedder = opened.get(key);
  if (!embedder) opened.set(key, (embedder = WinkEmbedder.open({ cacheDir: recipe.cacheDir, packageJson: recipe.packageJson })));
  return embedder;
}

/** The texts' vectors back to back in one buffer, which a worker can hand over without copying. */
export async function embedFlat(embedder: Embedder, texts: string[]): Promise<Float32Array<ArrayBuffer>> {
  const flat = new Float32Array(texts.length * embedder.dim);
  (await embedder.embedDocuments(texts)).forEach((v, i) => flat.set(v, i * embedder.dim));
  return flat;
}
