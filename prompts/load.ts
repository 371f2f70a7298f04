import { readFile } from "node:fs/promises";
import path from "node:path";
import { PromptTemplate } from "@langchain/core/prompts";
import { AppError } from "../core/errors.js";

/**
 * The LLM path's prompt templates, kept as files beside this module and versioned with the code.
 * Each template declares its variables here; loading fails when a file is missing one or uses an
 * unknown one, so a prompt edit cannot silently drop the passages or the question.
 */
const TEMPLATES = {
  answerSystem: { file: "answer.system.md", variables: ["refusalToken"] },
  answerUser: { file: "answer.user.md", variables: ["passages", "question"] },
  condense: { file: "condense.md", variables: ["history", "question"] },
} as const;

type Templates = typeof TEMPLATES;
export type PromptName = keyof Templates;
export type PromptValues<N extends PromptName> = Record<Templates[N]["variables"][number], string>;

/** One typed render function per template. */
export type Prompts = { readonly [N in PromptName]: (values: PromptValues<N>) => Promise<string> };

/** The folder holding the shipped templates (this module's folder). */
export const PROMPTS_DIR = import.meta.dirname;

/** Reads and checks every template once; call it from a factory, never at import time. */
export async function loadPrompts(dir: string = PROMPTS_DIR): Promise<Prompts> {
  const names = Object.keys(TEMPLATES) as PromptName[];
  const loaded = await Promise.all(names.map(async (name) => [name, await loadTemplate(dir, name)] as const));
  return Object.freeze(
    Object.fromEntries(loaded.map(([name, template]) => [name, (values: Record<string, string>) => template.format(values)])),
  ) as unknown as Prompts;
}

async function loadTemplate(dir: string, name: PromptName): Promise<PromptTemplate> {
  const { file, variables } = TEMPLATES[name];
  const where = path.join(dir, file);
  const text = await readFile(where, "utf8").catch((cause: unknown) => {
    throw new AppError("CONFIG_INVALID", `Prompt template ${where} cannot be read`, { cause });
  });
  let template: PromptTemplate;
  try {
    template = PromptTemplate.fromTemplate(text.trim());
  } catch (cause) {
    throw new AppError("CONFIG_INVALID", `Prompt template ${where} does not parse (write a literal brace as {{ or }})`, { cause });
  }
  const declared: readonly string[] = variables;
  const found = template.inputVariables;
  const missing = declared.filter((v) => !found.includes(v));
  const unknown = found.filter((v) => !declared.includes(v));
  if (missing.length || unknown.length) {
    const problems = [
      ...missing.map((v) => `missing {${v}}`),
      ...unknown.map((v) => `unknown {${v}} (expected only ${declared.map((d) => `{${d}}`).join(", ")})`),
    ];
    throw new AppError("CONFIG_INVALID", `Prompt template ${where}: ${problems.join("; ")}`, { details: problems });
  }
  return template;
}
