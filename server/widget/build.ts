/** `npm run build:widget`: writes server/public/widget.js for static hosting and prints its size. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { buildWidget } from "./bundle.js";

const out = path.join(import.meta.dirname, "..", "public", "widget.js");
const bundle = await buildWidget();
await writeFile(out, bundle.code);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(`wrote ${path.relative(process.cwd(), out)}: ${kb(Buffer.byteLength(bundle.code))} minified, ${kb(bundle.gzip.length)} gzipped`);
