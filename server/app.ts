import { randomUUID } from "node:crypto";
import express, { type Express, type RequestHandler } from "express";
import { pino, type Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { Config } from "../core/config.js";
import { corsPolicy } from "./cors.js";
import { Drain } from "./drain.js";
import { EngineGate, type ServedEngine } from "./engine-gate.js";
import { apiNotFound, errorHandler } from "./errors.js";
import type { SqliteFeedbackStore } from "./feedback/feedback-store.js";
import { rateLimit } from "./rate-limit.js";
import { askRoute } from "./routes/ask.js";
import { chatRoute } from "./routes/chat.js";
import { feedbackRoute } from "./routes/feedback.js";
import type { IngestJobs } from "./ingest-jobs.js";
import { documentsApi } from "./routes/documents.js";
import { healthRoute } from "./routes/health.js";
import { openApiRoute } from "./routes/openapi.js";
import { widgetRoute } from "./routes/widget.js";

export interface AppOptions {
  config: Readonly<Config>;
  /**
   * The engine, or a promise of it: until it resolves, the API answers 503 INDEX_NOT_READY. A gate lets the
   * caller swap engines later (a new index).
   */
  engine: ServedEngine | Promise<ServedEngine> | EngineGate;
  logger?: Logger;
  /** Interval of the `: ping` comments on chat streams. */
  heartbeatMs?: number;
  /** Where POST /api/feedback stores readers' votes; without it the endpoint does not exist. */
  feedback?: SqliteFeedbackStore;
  /** Shared with `listen`, which starts it on shutdown: from then on requests get 503 SHUTTING_DOWN. */
  drain?: Drain;
  /** The background ingests of the documents API, mounted when config.admin.apiKey is set. */
  jobs?: IngestJobs;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;
const MAX_UPLOAD_FILES = 500;

/** Builds the Express app (API, widget, demo page); the caller decides where it listens. */
export function createApp({ config, engine, logger, heartbeatMs = 15_000, drain = new Drain(), jobs, feedback }: AppOptions): Express {
  const log = logger ?? pino({ level: config.log.level });
  const gate = engine instanceof EngineGate ? engine : new EngineGate(engine);
  const app = express();
  app.disable("x-powered-by");
  // Behind N proxies req.ip is the client they saw, not the proxy. Without, X-Forwarded-For is ignored (it can be
  // forged), and `false` rather than 0 lets express-rate-limit warn when such a header arrives anyway.
  app.set("trust proxy", config.server.trustProxy || false);
  app.use(requestLogging(log));
  app.use(drain.guard);
  app.use(securityHeaders);
  app.use("/api", corsPolicy(config.server.corsOrigins, config.server.allowedHosts));
  app.use("/api", express.json({ limit: config.server.bodyLimit, strict: false }));
  app.use(["/api/ask", "/api/chat"], rateLimit(config.server.rateLimitPerMinute));
  app.use(askRoute(gate, drain));
  app.use(chatRoute(gate, heartbeatMs, drain));
  app.use(healthRoute(gate));
  app.use(widgetRoute(gate));
  if (feedback) app.use(feedbackRoute(feedback, config.server.rateLimitPerMinute));
  const { apiKey, uploadLimitBytes } = config.admin;
  app.use(openApiRoute({ admin: Boolean(apiKey && jobs) }));
  if (apiKey && jobs) {
    app.use(documentsApi({ apiKey, docsDir: config.ingest.docsDir, jobs, limits: { fileBytes: uploadLimitBytes, files: MAX_UPLOAD_FILES } }));
  }
  app.use("/api", apiNotFound);
  app.use(errorHandler(log));
  return app;
}

/** pino-http: one log line per request, a request id (kept from X-Request-Id when sane) echoed back. */
function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers["x-request-id"];
      const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    // 503 is the expected answer while the index builds or the server stops, not a fault: debug, and without
    // the "failed with status code 503" error (and stack) pino-http would attach.
    customLogLevel: (_req, res, err) => (res.statusCode === 503 ? "debug" : err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
    customErrorObject: (_req, res, _err, value: Record<string, unknown>) => (res.statusCode === 503 ? { ...value, err: undefined } : value),
    // Headers would mostly repeat themselves line after line; the id ties a request's lines together.
    // Unwrapped, these get the raw req/res instead of pino's full serialization, built per request only to be cut down.
    wrapSerializers: false,
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
  });
  next();
};
