import { z } from "zod";

/**
 * The response bodies of the API as zod schemas, for GET /api/openapi.json (requests are described by the
 * schemas that validate them: request.ts, routes/documents.ts). Strict objects: a field added to a response
 * but not here fails the OpenAPI test, which validates real responses against the generated document.
 */
const CitationSchema = z.strictObject({
  id: z.int().min(1),
  source: z.string(),
  title: z.string(),
  page: z.int().nullable(),
  chunkId: z.string(),
  text: z.string(),
  score: z.number(),
  section: z.string().optional(),
  url: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export const AskResponseSchema = z.strictObject({
  answer: z.string(),
  abstained: z.boolean(),
  citations: z.array(CitationSchema),
  related: z.array(CitationSchema),
  generator: z.string(),
  unsupported: z.array(z.string()),
  query: z.string(),
  model: z.strictObject({ embeddings: z.string(), generator: z.string() }),
  timings: z.strictObject({ retrieveMs: z.number(), generateMs: z.number(), totalMs: z.number() }),
});

export const HealthSchema = z.strictObject({
  status: z.literal("ok"),
  documents: z.int(),
  chunks: z.int(),
  embeddings: z.string(),
  generator: z.string(),
  indexBuiltAt: z.iso.datetime(),
});

export const DocumentListSchema = z.strictObject({
  documents: z.array(
    z.strictObject({
      source: z.string(),
      title: z.string(),
      date: z.string().nullable(),
      chunks: z.int(),
      bytes: z.int().nullable(),
      indexedAt: z.iso.datetime().nullable(),
    }),
  ),
});

export const ErrorSchema = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) });

const JobSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(["upload", "delete", "reindex"]),
  status: z.enum(["queued", "running", "done", "failed"]),
  sources: z.array(z.string()),
  progress: z.strictObject({ done: z.int(), total: z.int() }),
  indexed: z.array(z.string()),
  unchanged: z.int(),
  removed: z.array(z.string()),
  skipped: z.array(z.strictObject({ source: z.string(), reason: z.string() })),
  chunks: z.int().nullable(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});

export const JobResponseSchema = z.strictObject({ job: JobSchema });

export const UploadResponseSchema = z.strictObject({
  job: JobSchema,
  accepted: z.array(z.string()),
  rejected: z.array(z.strictObject({ name: z.string(), reason: z.string() })),
});
