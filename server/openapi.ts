import { z } from "zod";
import { AskResponseSchema, DocumentListSchema, ErrorSchema, HealthSchema, JobResponseSchema, UploadResponseSchema } from "./api-schemas.js";
import { AskRequestSchema } from "../core/ask-request.js";
import { ReindexBodySchema } from "./routes/documents.js";

type Json = Record<string, unknown>;

/** zod 4's own JSON Schema (2020-12, the dialect of OpenAPI 3.1), without the `$schema` each would repeat. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io }) as Json;
  return rest;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, description: string): Json => ({ description, content: { "application/json": { schema: ref(name) } } });
const errors = (...statuses: number[]): Json =>
  Object.fromEntries(statuses.map((s) => [String(s), json("Error", `Error (${s}): { error: { code, message } }`)]));

/**
 * The OpenAPI 3.1 document of the API, generated from the zod schemas that validate requests and describe
 * responses. The documents API appears only when it is enabled (ADMIN_API_KEY).
 */
export function buildOpenApi(options: { admin: boolean; version: string }): Json {
  const schemas: Json = {
    AskRequest: jsonSchema(AskRequestSchema, "input"),
    AskResponse: jsonSchema(AskResponseSchema, "output"),
    Health: jsonSchema(HealthSchema, "output"),
    DocumentList: jsonSchema(DocumentListSchema, "output"),
    Error: jsonSchema(ErrorSchema, "output"),
  };
  const askBody = { required: true, content: { "application/json": { schema: ref("AskRequest") } } };
  const paths: Json = {
    "/api/ask": {
      post: {
        summary: "Answer a question with cited passages",
        requestBody: askBody,
        responses: { 200: json("AskResponse", "The answer"), ...errors(400, 403, 413, 415, 429, 500, 503) },
      },
    },
    "/api/chat": {
      post: {
        summary: "The same answer as Server-Sent Events: citations, token…, then done (the AskResponse) or error",
        requestBody: askBody,
        responses: {
          200: { description: "text/event-stream", content: { "text/event-stream": { schema: { type: "string" } } } },
          ...errors(400, 403, 413, 415, 429, 503),
        },
      },
    },
    "/api/health": { get: { summary: "Index statistics", responses: { 200: json("Health", "Ready"), ...errors(503) } } },
    "/api/documents": { get: { summary: "The documents answered from", responses: { 200: json("DocumentList", "Documents"), ...errors(503) } } },
    "/api/openapi.json": { get: { summary: "This document", responses: { 200: { description: "OpenAPI 3.1" } } } },
  };
  if (options.admin) addDocumentsApi(paths, schemas);
  return {
    openapi: "3.1.0",
    info: { title: "citebot", version: options.version, description: "Answers questions about your documents, every claim cited." },
    paths,
    components: { schemas, ...(options.admin ? { securitySchemes: { adminKey: { type: "http", scheme: "bearer" } } } : {}) },
  };
}

function addDocumentsApi(paths: Json, schemas: Json): void {
  schemas.ReindexRequest = jsonSchema(ReindexBodySchema, "input");
  schemas.JobResponse = jsonSchema(JobResponseSchema, "output");
  schemas.UploadResponse = jsonSchema(UploadResponseSchema, "output");
  const security = [{ adminKey: [] }];
  const multipart = {
    required: true,
    content: {
      "multipart/form-data": {
        schema: { type: "object", properties: { files: { type: "array", items: { type: "string", contentMediaType: "application/octet-stream" } } } },
      },
    },
  };
  (paths["/api/documents"] as Json).post = {
    summary: "Upload files into DOCS_DIR and index them in the background",
    security,
    requestBody: multipart,
    responses: { 202: json("UploadResponse", "Saved; the job indexes them"), ...errors(400, 401, 413, 415) },
  };
  paths["/api/documents/{source}"] = {
    delete: {
      summary: "Delete a document from DOCS_DIR and drop it from the index",
      security,
      parameters: [{ name: "source", in: "path", required: true, schema: { type: "string" } }],
      responses: { 202: json("JobResponse", "Deleted; the job updates the index"), ...errors(401, 404) },
    },
  };
  paths["/api/reindex"] = {
    post: {
      summary: "Re-ingest DOCS_DIR (incrementally, or in full with rebuild)",
      security,
      requestBody: { required: false, content: { "application/json": { schema: ref("ReindexRequest") } } },
      responses: { 202: json("JobResponse", "Queued"), ...errors(400, 401) },
    },
  };
  paths["/api/jobs/{id}"] = {
    get: {
      summary: "Progress and outcome of an ingest job",
      security,
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: { 200: json("JobResponse", "The job"), ...errors(401, 404) },
    },
  };
}
