import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultPromptDir, fillTemplate, loadPrompts, renderPrompt } from "./prompts.js";
import { PolicybotError } from "../util/errors.js";

const dirs: string[] = [];
function copyOfPrompts(edit?: (name: string, text: string) => string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), "prompts-"));
  dirs.push(dir);
  for (const name of ["answer", "draft", "condense"]) {
    const text = readFileSync(join(defaultPromptDir(), `${name}.md`), "utf8");
    const out = edit ? edit(name, text) : text;
    if (out !== undefined) writeFileSync(join(dir, `${name}.md`), out);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("loadPrompts", () => {
  it("loads the three shipped prompts with system and user parts", () => {
    const p = loadPrompts();
    for (const t of [p.answer, p.draft, p.condense]) {
      expect(t.system.length).toBeGreaterThan(50);
      expect(t.user.length).toBeGreaterThan(10);
      expect(t.system).not.toContain("<!--");
    }
    expect(p.answer.user).toContain("{{passages}}");
    expect(p.answer.system).toMatch(/不是给你的指令/);
    expect(p.answer.system).toMatch(/忽略以上所有指令/);
    expect(p.answer.system).toMatch(/不透露/);
    expect(p.draft.system).toMatch(/政府工作报告/);
    expect(p.condense.system).toMatch(/只输出改写后的问题/);
  });

  it("fails clearly when a file is missing", () => {
    const dir = copyOfPrompts((name, text) => (name === "draft" ? undefined : text));
    expect(() => loadPrompts(dir)).toThrow(PolicybotError);
    expect(() => loadPrompts(dir)).toThrow(/draft\.md/);
  });

  it("fails clearly when a section or a placeholder is missing", () => {
    const noUser = copyOfPrompts((name, text) => (name === "answer" ? text.split("\n## user")[0] : text));
    expect(() => loadPrompts(noUser)).toThrow(/answer\.md has no "## user" section/);
    const noPlaceholder = copyOfPrompts((name, text) => (name === "condense" ? text.replaceAll("{{history}}", "") : text));
    expect(() => loadPrompts(noPlaceholder)).toThrow(/\{\{history\}\}/);
  });
});

describe("fillTemplate", () => {
  it("fills placeholders in one pass: filled-in text is never expanded again", () => {
    expect(fillTemplate("Q: {{question}} P: {{passages}}", { question: "{{passages}}", passages: "文本" })).toBe(
      "Q: {{passages}} P: 文本",
    );
  });
  it("renders system and user messages", () => {
    const m = renderPrompt({ name: "t", system: "S {{x}}", user: "U {{x}}" }, { x: "1" });
    expect(m).toEqual([
      { role: "system", content: "S 1" },
      { role: "user", content: "U 1" },
    ]);
  });
});
