import { parse } from "yaml";

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/u;

/**
 * YAML front matter ("---" … "---" at the top of a Markdown file), parsed with the `yaml` package. Returns the
 * body and the fields as loader metadata: title, date and url as strings, every other key kept under `meta`.
 * Front matter that is not valid YAML, or not a mapping, is left as text.
 */
export function parseFrontMatter(text: string): { body: string; fields: Record<string, unknown> } {
  const match = text.match(FRONT_MATTER);
  if (!match) return { body: text, fields: {} };
  let data: unknown;
  try {
    data = parse(match[1] ?? "");
  } catch {
    return { body: text, fields: {} }; // not front matter after all: a rule and some text
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return { body: text, fields: {} };
  return { body: text.slice(match[0].length), fields: documentFields(data as Record<string, unknown>) };
}

/** title/date/url as strings, other keys under `meta`: the shape every loader and the sidecar file share. */
export function documentFields(data: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === "title" || key === "url") {
      if (typeof value === "string" && value.trim()) fields[key] = value.trim();
    } else if (key === "date") {
      const date = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === "string" ? value : undefined;
      if (date) fields["date"] = date;
    } else meta[key] = value instanceof Date ? value.toISOString() : value;
  }
  if (Object.keys(meta).length > 0) fields["meta"] = meta;
  return fields;
}
