import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { Router, type Response } from "express";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { requireAdminKey } from "../admin-auth.js";
import type { IngestJobs, Job } from "../ingest-jobs.js";
import { saveUploads, type UploadLimits } from "../uploads.js";

export interface DocumentsApiOptions {
  apiKey: string;
  docsDir: string;
  jobs: IngestJobs;
  limits: UploadLimits;
}

export const ReindexBodySchema = z.object({ rebuild: z.boolean({ error: "must be true or false" }).optional() }, { error: "body must be a JSON object" });

/**
 * The documents API (only mounted when ADMIN_API_KEY is set, every route behind its Bearer key): upload files
 * into DOCS_DIR, delete one, reindex, and follow the background ingest each of those starts (202 + job).
 */
export function documentsApi({ apiKey, docsDir, jobs, limits }: DocumentsApiOptions): Router {
  const root = path.resolve(docsDir);
  const admin = requireAdminKey(apiKey);
  return Router()
    .post("/api/documents", admin, async (req, res) => {
      const { accepted, rejected } = await saveUploads(req, root, limits);
      accepted202(res, jobs.enqueue("upload", accepted), { accepted, rejected });
    })
    .delete("/api/documents/*source", admin, async (req, res) => {
      const source = (req.params as { source: string[] }).source.join("/");
      const file = path.resolve(root, source);
      const inside = path.relative(root, file);
      const isFile = await stat(file).then(
        (s) => s.isFile(),
        () => false,
      );
      if (!inside || inside.startsWith("..") || path.isAbsolute(inside) || !isFile) {
        throw new AppError("NOT_FOUND", `No document ${JSON.stringify(source)} in DOCS_DIR`);
      }
      await rm(file);
      accepted202(res, jobs.enqueue("delete", [source]));
    })
    .post("/api/reindex", admin, (req, res) => {
      const parsed = ReindexBodySchema.safeParse(req.body ?? {});
      if (!parsed.success) throw new AppError("BAD_REQUEST", `Invalid request: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
      accepted202(res, jobs.enqueue("reindex", [], parsed.data.rebuild ?? false));
    })
    .get("/api/jobs/:id", admin, (req, res) => {
      const { id } = req.params as { id: string };
      const job = jobs.get(id);
      if (!job) throw new AppError("NOT_FOUND", `No job ${id}`);
      res.set("Cache-Control", "no-store").json({ job });
    });
}

function accepted202(res: Response, job: Job, extra: Record<string, unknown> = {}): void {
  res
    .status(202)
    .location(`/api/jobs/${job.id}`)
    .json({ job, ...extra });
}
