/**
 * The data at each stage of ingestion. Every stage keeps the way back to the
 * original file: line numbers are 1-based lines of the file the user has
 * (for .docx/.pdf/.html: lines of the extracted text, which `inspect` shows).
 */

export type SourceFormat = "txt" | "md" | "html" | "docx" | "pdf";

/** One file, read and decoded. */
export interface SourceText {
  /** Absolute path on disk. */
  path: string;
  /** Path relative to the corpus root, with forward slashes. Shown in citations. */
  file: string;
  format: SourceFormat;
  /** Detected or declared encoding ("UTF-8", "GB18030", "Big5", "UTF-16LE", ...). */
  encoding: string;
  /** Decoded text, lines separated by "\n" (CR/CRLF normalised). */
  text: string;
}

/** A cleaned line of text and the original lines it came from (inclusive). */
export interface Line {
  text: string;
  lineStart: number;
  lineEnd: number;
}

/** Original lines that cleaning removed, and why. */
export interface Dropped {
  lineStart: number;
  lineEnd: number;
  reason: string;
}

export interface CleanResult {
  lines: Line[];
  dropped: Dropped[];
}

/** One article of a compilation (or the whole file when it holds one). */
export interface Article {
  /** 1-based position in the file. */
  index: number;
  title: string;
  /**
   * The title the article opens with, when a compilation numbered it ("政府办公室年度工作总结 篇5")
   * and it is a 公文 with a title of its own (see own-title.ts). Second in every section path.
   */
  ownTitle?: string;
  lineStart: number;
  lineEnd: number;
  lines: Line[];
}

/** The unit that is indexed, retrieved and cited. */
export interface Chunk {
  /** Stable id: file + article + position + content hash. */
  id: string;
  file: string;
  article: string;
  articleIndex: number;
  /** Heading path joined with " › ", starting with the article title. */
  section: string;
  headingPath: string[];
  /** Cleaned, simplified text (headings inside the chunk included). */
  text: string;
  lineStart: number;
  lineEnd: number;
  /**
   * The paragraphs of a chunk that holds more than one, so a citation can
   * name the lines and the section of the sentence it quotes rather than the
   * whole chunk's (a chunk that packs "五、…" and "六、…存在的主要问题" has
   * only the article as its common `headingPath`). Absent in indexes written
   * before it existed.
   */
  parts?: ChunkPart[];
}

/** One paragraph of a chunk. */
export interface ChunkPart {
  /** Where the paragraph starts in the chunk's `text` (UTF-16 offset). */
  offset: number;
  lineStart: number;
  lineEnd: number;
  /** The headings it sits under below the chunk's `headingPath` ("六、政府信息公开工作存在的主要问题及改进情况"); absent when none. */
  sub?: string[];
  /** Its whole heading path instead, when it is not under the chunk's `headingPath` (the next section's heading or first item packed at the chunk's end). */
  path?: string[];
}

/** What the bot sees of one file: the result of load → clean → split → chunk. */
export interface ProcessedFile {
  file: string;
  encoding: string;
  format: SourceFormat;
  /** sha256 of the raw bytes, for incremental ingest. */
  hash: string;
  articles: Array<Omit<Article, "lines"> & { chunks: Chunk[] }>;
  dropped: Dropped[];
}
