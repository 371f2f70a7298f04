import { embedderFromRecipe, embedFlat } from "./embed/recipe-embedder.js";
import { prepareFile, type Prepared, type PrepareTask } from "./prepare.js";

/**
 * prepareFile, then the chunks' vectors when the task names an embedder (`embedWith`): run on a prepare worker, this
 * takes embedding off the main thread, which then only indexes. Never throws: should embedding fail here, the file
 * comes back without vectors and the main thread embeds it (and reports what goes wrong there).
 */
export async function prepareAndEmbed(task: PrepareTask): Promise<Prepared> {
  const prepared = await prepareFile(task);
  if (prepared.status !== "ready" || !task.embedWith) return prepared;
  try {
    const embedder = await embedderFromRecipe(task.embedWith);
    return {
      ...prepared,
      vectors: await embedFlat(
        embedder,
        prepared.chunks.map((c) => c.text),
      ),
    };
  } catch {
    return prepared;
  }
}
