/** The answer layer's contract with front ends (CLI, terminal chat, Telegram). */

export interface Citation {
  n: number;
  /** Chunk id the citation points to. */
  id: string;
  file: string;
  article: string;
  section: string;
  lineStart: number;
  lineEnd: number;
  /** The sentence of the passage that supports the claim. */
  quote: string;
  /** The whole cited passage (cleaned text), for "show passages". */
  text: string;
}

export interface Turn {
  role: "user" | "assistant";
  content: string;
  /**
   * What an assistant turn cited, when the front end kept it (the bot and the
   * terminal chat do; a `--history` file may): "这一条出自哪个文件？" is then
   * answered from it.
   */
  citations?: Citation[];
}

export interface NearestDocument {
  file: string;
  article: string;
  score: number;
}

export interface AskResult {
  question: string;
  mode: "llm" | "extractive";
  found: boolean;
  answer: string;
  citations: Citation[];
  notice?: string;
  /** When found is false: the documents closest to the question. */
  nearest?: NearestDocument[];
  /** The standalone question actually searched (after follow-up rewriting). */
  standalone?: string;
  /** The message was thanks, an acknowledgement or a greeting, answered without a search. */
  smallTalk?: true;
}

export interface DraftResult {
  request: string;
  mode: "llm" | "extractive";
  found: boolean;
  draft: string;
  citations: Citation[];
  /** Distinct documents used, in order of first citation. */
  sources: Array<{ file: string; article: string }>;
  notice?: string;
  nearest?: NearestDocument[];
  /** The standalone request actually searched (after follow-up rewriting). */
  standalone?: string;
}

export interface FindSection {
  section: string;
  lineStart: number;
  lineEnd: number;
  snippet: string;
}

export interface FindDocument {
  rank: number;
  score: number;
  file: string;
  article: string;
  /** The title the article opens with, when the compilation only numbered it (see ingest/own-title.ts). */
  ownTitle?: string;
  lineStart: number;
  lineEnd: number;
  sections: FindSection[];
}

export interface FindResult {
  query: string;
  confident: boolean;
  /** Words of the topic that occur nowhere in the documents ("公积金"). */
  absent?: string[];
  /** Names of the topic that only article titles contain ("零报告制度"): the documents listed are those titles'. */
  titleOnly?: string[];
  documents: FindDocument[];
}

export interface SourceInfo {
  file: string;
  articles: Array<{ title: string; chunks: number }>;
}

export interface AskOptions {
  history?: Turn[];
  signal?: AbortSignal;
}

/**
 * What front ends call. Implementations: the real service over an index, and
 * in bot tests a fake that returns canned results.
 */
export interface AnswerService {
  ask(question: string, options?: AskOptions): Promise<AskResult>;
  draft(request: string, options?: AskOptions): Promise<DraftResult>;
  find(topic: string, options?: { k?: number }): Promise<FindResult>;
  sources(): Promise<SourceInfo[]>;
}
