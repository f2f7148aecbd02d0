/**
 * What an admin's upload and /reindex do to the real corpus and index
 * (createAdminActions over a small docs folder of real seed lines), and how
 * the bot words it for the admin.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { SwappableRetriever, createAdminActions, openRetriever } from "../../src/app.js";
import type { AddedDocument, AdminActions } from "../../src/bot/config.js";
import { addedText, adminFailedText, reindexedText } from "../../src/bot/texts.js";
import { loadConfig, type Config } from "../../src/config.js";
import { ingest } from "../../src/ingest/pipeline.js";
import { LocalNgramEmbeddings } from "../../src/embed/local.js";
import { createLogger } from "../../src/util/logger.js";
import { SEEDS, seedLines } from "../helpers/cli.js";
import { writeSmallDocs } from "../helpers/small-docs.js";
import { tmpDir } from "./helpers.js";

// Two real passages of 004: the 政务网 section (lines 15–17) and the 督查 section (lines 19–21).
const NETWORK = seedLines(SEEDS.s004).slice(14, 17).join("\n");
const INSPECTION = seedLines(SEEDS.s004).slice(18, 21).join("\n");
const bytes = (s: string) => new TextEncoder().encode(s);

let config: Config;
let retriever: SwappableRetriever;
let admin: AdminActions;

async function filesFound(query: string): Promise<string[]> {
  const r = await retriever.search(query, { k: 5 });
  return r.results.map((h) => h.chunk.file);
}

/** The indexed text of a file. */
function indexedText(file: string): string {
  return retriever.current.index.chunks.filter((c) => c.file === file).map((c) => c.text).join("\n");
}

beforeAll(async () => {
  const work = tmpDir("policybot-admin-");
  const docs = path.join(work, "docs");
  const indexDir = path.join(work, "index");
  await writeSmallDocs(docs, 12);
  config = loadConfig({ POLICYBOT_DOCS: docs, POLICYBOT_INDEX: indexDir, POLICYBOT_DATA: work });
  await ingest({ paths: [docs], indexDir, embedder: new LocalNgramEmbeddings() });
  retriever = new SwappableRetriever(await openRetriever(config, indexDir));
  admin = createAdminActions(config, indexDir, retriever, createLogger("silent"));
}, 60_000);

describe("admin uploads", () => {
  let first: AddedDocument;

  test("a new file is added, indexed and answerable at once", async () => {
    first = await admin.addDocument("会议纪要.txt", bytes(NETWORK));
    expect(first.outcome).toBe("added");
    expect(first.report.added).toEqual(["会议纪要.txt"]);
    expect(await filesFound("政务网布点了多少个")).toContain("会议纪要.txt");
    expect(indexedText("会议纪要.txt")).toContain("布点23个");
    expect(addedText(first)).toMatch(/^已添加 会议纪要\.txt。\n索引已更新：6 个文件，\d+ 篇文章，\d+ 个段落，用时 [\d.]+ 秒。\n新增 1 个：会议纪要\.txt\n未变 5 个文件。$/);
  });

  test("a different file of the same name replaces it, and the admin is told so", async () => {
    const second = await admin.addDocument("会议纪要.txt", bytes(INSPECTION));
    expect(second.outcome).toBe("replaced");
    expect(second.report.changed).toEqual(["会议纪要.txt"]);
    expect(readFileSync(path.join(config.docsDir, "会议纪要.txt"), "utf8")).toBe(INSPECTION);
    expect(await filesFound("交必办、办必果、果必报")).toContain("会议纪要.txt");
    expect(indexedText("会议纪要.txt")).not.toContain("布点23个");
    expect(addedText(second)).toContain("已有同名文件 会议纪要.txt，已用新文件替换（旧文件的内容已从索引中移除；如需两份都保留，请改名后重新发送）。");
    expect(addedText(second)).toContain("更新 1 个：会议纪要.txt");
  });

  test("the same file again changes nothing", async () => {
    const third = await admin.addDocument("会议纪要.txt", bytes(INSPECTION));
    expect(third.outcome).toBe("same");
    expect(third.report.changed).toEqual([]);
    expect(addedText(third)).toMatch(/^会议纪要\.txt 与已收录的同名文件内容相同，未做改动。\n/);
  });

  test("a file that cannot be read is refused in Chinese, naming the types that can", async () => {
    const err = await admin.addDocument("截图.jpg", bytes("\u00ff\u00d8\u00ff")).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(adminFailedText("import", err!.message)).toBe("导入文件失败：不支持 .jpg 文件（支持 .txt、.md、.html、.docx、.pdf）");
    const empty = await admin.addDocument("空白.docx", new Uint8Array()).catch((e: Error) => e);
    expect(adminFailedText("import", (empty as Error).message)).toBe("导入文件失败：文件是空的");
    const corrupt = await admin.addDocument("损坏.docx", bytes(NETWORK)).catch((e: Error) => e);
    expect(adminFailedText("import", (corrupt as Error).message)).toBe("导入文件失败：DOCX 文件已损坏，无法打开");
  });

  test("/reindex reports in Chinese", async () => {
    const report = await admin.reindex();
    expect(reindexedText(report)).toMatch(/^索引已更新：6 个文件，\d+ 篇文章，\d+ 个段落，用时 [\d.]+ 秒。\n未变 6 个文件。$/);
  });
});
