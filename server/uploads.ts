import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import busboy from "busboy";
import type { Request } from "express";
import { AppError } from "../core/errors.js";
import { isSupported, SUPPORTED_EXTENSIONS } from "../ingest/index.js";

export interface UploadLimits {
  /** Largest file accepted. */
  fileBytes: number;
  /** Most files in one request. */
  files: number;
}

export interface UploadOutcome {
  /** Names the files were saved under, in DOCS_DIR (sanitised). */
  accepted: string[];
  rejected: { name: string; reason: string }[];
}

interface Received {
  name: string;
  bytes: Buffer;
  tooLarge: boolean;
}

const MAX_NAME_CHARS = 120;

/**
 * Reads a multipart/form-data upload (busboy) and saves each acceptable file atomically at the top of
 * `docsDir` (temp file, fsync, rename). A file is refused with its reason when its name has no supported
 * extension, its bytes do not look like that type, it is empty or over the size limit; the rest are saved.
 * Throws when nothing could be saved: 413 when a file was too large, else 415 UNSUPPORTED_FILE or 400.
 */
export async function saveUploads(req: Request, docsDir: string, limits: UploadLimits): Promise<UploadOutcome> {
  if (!req.is("multipart/form-data")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Content-Type must be multipart/form-data (got ${req.get("content-type") ?? "none"})`);
  }
  const received = await receive(req, limits);
  if (received.length === 0) throw new AppError("BAD_REQUEST", "The upload holds no file (send each as a multipart file field)");
  const outcome: UploadOutcome = { accepted: [], rejected: [] };
  await mkdir(docsDir, { recursive: true });
  for (const file of received) {
    const name = sanitizeName(file.name);
    const reason = file.tooLarge ? `larger than UPLOAD_LIMIT (${limits.fileBytes} bytes)` : name && checkContent(name, file.bytes);
    if (name && !reason) {
      await writeFileAtomic(docsDir, name, file.bytes);
      outcome.accepted.push(name);
    } else outcome.rejected.push({ name: file.name, reason: reason || "no usable file name" });
  }
  if (outcome.accepted.length === 0) throw nothingSaved(outcome, received);
  return outcome;
}

function receive(req: Request, limits: UploadLimits): Promise<Received[]> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: limits.fileBytes, files: limits.files, fields: 20 } });
    } catch (err) {
      return reject(new AppError("BAD_REQUEST", "Malformed multipart/form-data request", { cause: err }));
    }
    const files: Received[] = [];
    const reading: Promise<void>[] = [];
    let tooMany = false;
    parser.on("file", (_field, stream, info) => {
      const parts: Buffer[] = [];
      const file: Received = { name: info.filename ?? "", bytes: Buffer.alloc(0), tooLarge: false };
      files.push(file);
      stream.on("data", (part: Buffer) => parts.push(part));
      stream.on("limit", () => (file.tooLarge = true));
      reading.push(
        new Promise((done) =>
          stream.on("close", () => {
            file.bytes = Buffer.concat(parts);
            done();
          }),
        ),
      );
    });
    parser.on("filesLimit", () => (tooMany = true));
    parser.on("error", (err) => reject(new AppError("BAD_REQUEST", "Malformed multipart/form-data request", { cause: err })));
    parser.on("close", () => {
      if (tooMany) reject(new AppError("PAYLOAD_TOO_LARGE", `At most ${limits.files} files per upload`));
      else void Promise.all(reading).then(() => resolve(files));
    });
    req.pipe(parser);
  });
}

/**
 * The name a client sent, reduced to a safe file name: its last path segment only (so `../../x` or `C:\x`
 * cannot leave DOCS_DIR), letters, digits, `._-` and spaces as `_`, no leading dot (hidden files are not
 * documents), at most 120 characters with the extension kept. Undefined when nothing usable is left.
 */
export function sanitizeName(raw: string): string | undefined {
  const last = raw.replaceAll("\\", "/").split("/").pop() ?? "";
  const cleaned = last
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}._-]+/gu, "_")
    .replace(/^[._]+/u, "");
  const ext = path.extname(cleaned);
  const stem = cleaned.slice(0, cleaned.length - ext.length).slice(0, MAX_NAME_CHARS - ext.length);
  const name = `${stem}${ext}`;
  return stem && name !== "." && name !== ".." ? name : undefined;
}

/** Why the bytes do not fit the name's type, or undefined when they do. Content decides, not only the name. */
function checkContent(name: string, bytes: Buffer): string | undefined {
  if (!isSupported(name)) return `unsupported type: the name must end in one of ${SUPPORTED_EXTENSIONS.join(" ")}`;
  if (bytes.length === 0) return "empty file";
  const isPdf = bytes.subarray(0, 5).toString("latin1") === "%PDF-";
  if (path.extname(name).toLowerCase() === ".pdf") return isPdf ? undefined : "named .pdf but its content is not a PDF";
  if (isPdf || bytes.subarray(0, 8192).includes(0)) return "named as text but its content is binary";
  return undefined;
}

/** Temp file beside the target (hidden, so an ingest never sees it), flushed, then renamed over it. */
async function writeFileAtomic(dir: string, name: string, bytes: Buffer): Promise<void> {
  const root = path.resolve(dir);
  const target = path.resolve(root, name);
  if (path.dirname(target) !== root) throw new AppError("BAD_REQUEST", `Refusing to write outside DOCS_DIR: ${name}`);
  const tmp = path.join(root, `.upload-${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(tmp, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

function nothingSaved(outcome: UploadOutcome, received: Received[]): AppError {
  const reasons = outcome.rejected.map((r) => `${r.name}: ${r.reason}`).join("; ");
  const code = received.some((f) => f.tooLarge) ? "PAYLOAD_TOO_LARGE" : "UNSUPPORTED_FILE";
  return new AppError(code, `No file was accepted (${reasons})`, { details: outcome.rejected });
}
