import { createHash } from "node:crypto";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface WidgetBundle {
  /** Minified IIFE, ready to serve as /widget.js. */
  code: string;
  gzip: Buffer;
  etag: string;
}

const ENTRY = path.join(import.meta.dirname, "widget.ts");

/** Bundles the widget in memory with esbuild (no file written), plus its gzip form and an ETag. */
export async function buildWidget(): Promise<WidgetBundle> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020", "chrome100", "firefox100", "safari15"],
    legalComments: "none",
    charset: "utf8",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error("esbuild produced no output for the widget");
  const etag = `"${createHash("sha256").update(code).digest("base64url").slice(0, 22)}"`;
  return { code, gzip: gzipSync(code, { level: 9 }), etag };
}
