/**
 * Prompt templates: one plain file per task in prompts/, each with a
 * "## system" and a "## user" section and {{placeholders}}. Loaded once at
 * start; a missing file, section or placeholder is an error right away.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PolicybotError } from "../util/errors.js";
import type { ChatMessage } from "./llm.js";

export interface PromptTemplate {
  name: string;
  system: string;
  user: string;
}

export interface Prompts {
  answer: PromptTemplate;
  draft: PromptTemplate;
  condense: PromptTemplate;
}

/** The placeholders each template must use (it may use others that are filled in too). */
const REQUIRED: Record<keyof Prompts, string[]> = {
  answer: ["passages", "question"],
  draft: ["passages", "request"],
  condense: ["history", "question"],
};

/** prompts/ of the installed package (works from src/ and dist/). */
export function defaultPromptDir(): string {
  return fileURLToPath(new URL("../../prompts/", import.meta.url));
}

export function loadPrompts(dir: string = defaultPromptDir()): Prompts {
  const load = (name: keyof Prompts): PromptTemplate => {
    const path = join(dir, `${name}.md`);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      throw new PolicybotError(`Prompt file is missing or unreadable: ${path}`, { cause: e });
    }
    const template = parsePrompt(name, text, path);
    for (const p of REQUIRED[name]) {
      if (!template.user.includes(`{{${p}}}`)) {
        throw new PolicybotError(`Prompt file ${path} does not use the placeholder {{${p}}} in its "## user" section.`);
      }
    }
    return template;
  };
  return { answer: load("answer"), draft: load("draft"), condense: load("condense") };
}

/** Splits a prompt file into its "## system" and "## user" sections (text before the first is a comment). */
export function parsePrompt(name: string, text: string, path = name): PromptTemplate {
  const sections: Record<string, string> = {};
  let current: string | undefined;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const heading = /^##\s+(system|user)\s*$/i.exec(line);
    if (heading) {
      current = heading[1]!.toLowerCase();
      sections[current] = "";
    } else if (current) {
      sections[current] += `${line}\n`;
    }
  }
  const system = sections["system"]?.trim();
  const user = sections["user"]?.trim();
  if (!system) throw new PolicybotError(`Prompt file ${path} has no "## system" section (or it is empty).`);
  if (!user) throw new PolicybotError(`Prompt file ${path} has no "## user" section (or it is empty).`);
  return { name, system, user };
}

/**
 * Fills {{name}} placeholders in one pass, so text that is filled in (a
 * passage, a question) is never itself searched for placeholders.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in values ? values[key]! : whole));
}

export function renderPrompt(template: PromptTemplate, values: Record<string, string>): ChatMessage[] {
  return [
    { role: "system", content: fillTemplate(template.system, values) },
    { role: "user", content: fillTemplate(template.user, values) },
  ];
}
