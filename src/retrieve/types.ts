import type { Chunk } from "../ingest/types.js";
import type { FindResult } from "../answer/types.js";
import type { AnswerType } from "./answer-type.js";

/** One retrieved passage. Scores point the same way everywhere: higher is better. */
export interface SearchHit {
  rank: number;
  score: number;
  chunk: Chunk;
}

export interface SearchResponse {
  query: string;
  /** The question after normalisation (simplified, filler removed). */
  normalized: string;
  /** What was searched when it differs from `normalized`: an English question's Chinese terms from the glossary. */
  searched?: string;
  /** False when the best score is under the calibrated threshold: the corpus likely does not answer this. */
  confident: boolean;
  /** What `confident` is judged on: best character-BM25 score ÷ the most a passage could score (0..1); for a question of several clauses, averaged with its best clause's. */
  relevance?: number;
  /** Names in the question that only document titles contain, never their text ("零报告制度"): why it is not confident. */
  titleOnly?: string[];
  /** Words of the question that occur nowhere in the documents ("婚假"); when they are most of its words, it is not confident. */
  absent?: string[];
  /**
   * Everyday office matters the question names that no document writes
   * ("年休假", "停车位", "parking permit"): it is about the office's own
   * affairs, which the documents do not cover; why it is not confident.
   */
  officeAffairs?: string[];
  /**
   * The kind of figure the question asks for (an amount, a time, a rate) that none of the best passages gives,
   * or the items of a group they only mention ("items": "那5家商混站都叫什么名字"): why it is not confident.
   */
  missing?: AnswerType | "count" | "items";
  /**
   * Not confident, but only just: relevance close under the threshold and no
   * other rule against it. Colloquial questions that are answered land here
   * too ("县法制办现在最头疼的问题是什么？"); the answer layer lets a
   * language model, which reads the passages, judge them.
   */
  borderline?: boolean;
  results: SearchHit[];
}

export interface SearchOptions {
  k?: number;
}

/** Hybrid retrieval over a loaded index. */
export interface Retriever {
  search(query: string, options?: SearchOptions): Promise<SearchResponse>;
  find(topic: string, options?: { k?: number }): Promise<FindResult>;
}
