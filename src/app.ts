import path from "node:path";
import fs from "node:fs/promises";
import { secretsOf, type Config } from "./config.js";
import type { Embedder } from "./embed/types.js";
import type { Logger } from "./util/logger.js";
import type { AnswerService, SourceInfo } from "./answer/types.js";
import type { Retriever } from "./retrieve/types.js";
import type { AddedDocument, AdminActions } from "./bot/config.js";
import { LocalNgramEmbeddings } from "./embed/local.js";
import { OpenAIEmbedder } from "./embed/openai.js";
import { readIndex } from "./index/store.js";
import { HybridRetriever } from "./retrieve/hybrid.js";
import { createAnswerService } from "./answer/service.js";
import { createOpenAIChatModel } from "./answer/llm.js";
import { rememberOutages } from "./answer/outage.js";
import { loadPrompts } from "./answer/prompts.js";
import { ingest, type IngestReport } from "./ingest/pipeline.js";
import { loadBuffer } from "./ingest/load/index.js";
import { IndexError } from "./util/errors.js";

/** The composition root: builds the objects each command needs from the config. */
export function createEmbedder(config: Config): Embedder {
  const e = config.embedder;
  if (e.kind === "openai") return new OpenAIEmbedder({ apiKey: e.apiKey, model: e.model, ...(e.baseURL ? { baseURL: e.baseURL } : {}) });
  return new LocalNgramEmbeddings();
}

export async function openRetriever(config: Config, indexDir = config.indexDir): Promise<HybridRetriever> {
  const index = await readIndex(indexDir);
  const embedder = createEmbedder(config);
  if (index.manifest.embedder.id !== embedder.id) {
    // The index says which embedder built it; querying it with another would compare unrelated vectors.
    throw new IndexError(`the index in ${indexDir} was built with ${index.manifest.embedder.id}, but EMBEDDER is ${embedder.id}: change EMBEDDER or run \`policybot ingest --rebuild\``);
  }
  return new HybridRetriever(index, embedder, vectorOptions(config));
}

/**
 * The local n-gram embedder did not improve ranking on the evaluation set at
 * any weight (README, "What the vector side adds"), so it is a recall net
 * that changes no ranking among keyword matches (`vectorRecallOnly`); a
 * semantic embedder gets half the keyword side's say until measured on the
 * corpus.
 */
export function defaultVectorWeight(config: Config): number {
  return config.embedder.kind === "local" ? 0.01 : 0.5;
}

/** The vector side's say in search: VECTOR_WEIGHT, when set, fuses it at that weight, whatever the embedder. */
export function vectorOptions(config: Config): { vectorWeight: number; vectorRecallOnly: boolean } {
  return {
    vectorWeight: config.vectorWeight ?? defaultVectorWeight(config),
    vectorRecallOnly: config.vectorWeight === undefined && config.embedder.kind === "local",
  };
}

/**
 * A retriever whose index can be replaced while it serves: /reindex builds a
 * new index and swaps it in; questions meanwhile are answered from the old one.
 */
export class SwappableRetriever implements Retriever {
  constructor(public current: HybridRetriever) {}
  search(...args: Parameters<Retriever["search"]>) {
    return this.current.search(...args);
  }
  find(...args: Parameters<Retriever["find"]>) {
    return this.current.find(...args);
  }
  sources(): SourceInfo[] {
    const retriever = this.current;
    return Object.entries(retriever.index.manifest.files).map(([file, entry]) => ({
      file,
      articles: entry.articles.map((a) => ({ title: a.title, chunks: retriever.chunksInArticle(file, a.index) })),
    }));
  }
}

export function createService(config: Config, retriever: SwappableRetriever, logger?: Logger): AnswerService {
  // One process answers many questions (the bot, `ask --stdin`): a server found down is not waited for again by each.
  const chat = config.llm
    ? rememberOutages(
        createOpenAIChatModel({ apiKey: config.llm.apiKey, secrets: secretsOf(config), model: config.llm.model, timeoutMs: config.llm.timeoutMs, maxRetries: config.llm.maxRetries, ...(config.llm.baseURL ? { baseURL: config.llm.baseURL } : {}) }),
        { cooldownMs: config.llm.outageCooldownMs, ...(logger ? { logger } : {}) },
      )
    : undefined;
  return createAnswerService({
    retriever,
    ...(chat ? { chat } : {}),
    prompts: loadPrompts(),
    ...(logger ? { logger } : {}),
    maxQuestionChars: config.maxQuestionChars,
    listSources: () => retriever.sources(),
  });
}

/** /reindex and documents sent by admins: re-ingest data/docs and swap the new index in. */
export function createAdminActions(config: Config, indexDir: string, retriever: SwappableRetriever, logger: Logger): AdminActions {
  let running: Promise<IngestReport> | undefined;
  const reindex = async (): Promise<IngestReport> => {
    // One re-index at a time; a second request waits for the first.
    running ??= (async () => {
      try {
        const report = await ingest({ paths: [config.docsDir], indexDir, embedder: createEmbedder(config), onWarning: (m) => logger.warn(m) });
        retriever.current = await openRetriever(config, indexDir);
        logger.info({ files: report.files, chunks: report.chunks, ms: report.ms }, "re-indexed");
        return report;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  return {
    reindex,
    async addDocument(fileName: string, data: Uint8Array): Promise<AddedDocument> {
      const safe = path.basename(fileName).replace(/[\u0000-\u001f/\\:*?"<>|]/g, "_").slice(0, 120) || "document.txt";
      // Check it can be read before it joins the corpus.
      await loadBuffer(data, safe);
      await fs.mkdir(config.docsDir, { recursive: true });
      const target = path.join(config.docsDir, safe);
      const existing = await fs.readFile(target).catch(() => undefined);
      const outcome = existing === undefined ? "added" : Buffer.from(data).equals(existing) ? "same" : "replaced";
      if (outcome !== "same") await fs.writeFile(target, data);
      return { file: safe, outcome, report: await reindex() };
    },
  };
}
