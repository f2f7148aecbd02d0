/**
 * The loading stage: find files, read them, decode them into SourceText.
 * One module per format; this one only dispatches and guards sizes.
 */
import * as fs from "node:fs/promises";

import { LoadError } from "../../util/errors.js";
import type { SourceFormat, SourceText } from "../types.js";
import { loadDocx } from "./docx.js";
import { formatOf, unsupportedReason } from "./formats.js";
import { loadHtml } from "./html.js";
import { loadPdf } from "./pdf.js";
import { decodeText, textHeadReason } from "./txt.js";
import { type FoundFile, fsErrorReason } from "./walk.js";

export { SUPPORTED_EXTENSIONS, formatOf } from "./formats.js";
export { findFiles, type FoundFile, type SkippedFile } from "./walk.js";

const MB = 1024 * 1024;

/**
 * Size limits. Text has no practical limit: a 256 MB text file still fits a
 * JavaScript string (V8 caps strings at ~512M UTF-16 units). Binary formats
 * are parsed whole in memory by mammoth/pdf.js and a huge one is more likely
 * a scan than prose, so they get a lower limit.
 */
export const MAX_BYTES: Readonly<Record<SourceFormat, number>> = {
  txt: 256 * MB,
  md: 256 * MB,
  html: 100 * MB,
  docx: 100 * MB,
  pdf: 200 * MB,
};

/** Bytes read first from a text file to reject binary content without reading all of it. */
const HEAD_BYTES = 64 * 1024;

function tooLarge(size: number, format: SourceFormat): string {
  return `file too large (${Math.ceil(size / MB)} MB; limit for .${format} is ${MAX_BYTES[format] / MB} MB)`;
}

/** Control characters other than tab/newline (pdf.js emits NULs for unmapped glyphs). */
function dropControls(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/**
 * Decode bytes into SourceText. `format` defaults to the one implied by the
 * extension of `file`. For callers that have bytes rather than a path (a
 * document sent to the Telegram bot): the returned `path` is "".
 * Throws LoadError(file, reason).
 */
export async function loadBuffer(bytes: Uint8Array, file: string, format?: SourceFormat): Promise<SourceText> {
  const fmt = format ?? formatOf(file);
  if (fmt === undefined) throw new LoadError(file, unsupportedReason(file));
  if (bytes.byteLength === 0) throw new LoadError(file, "empty file");
  if (bytes.byteLength > MAX_BYTES[fmt]) throw new LoadError(file, tooLarge(bytes.byteLength, fmt));
  switch (fmt) {
    case "txt":
    case "md": {
      const { text, encoding } = decodeText(bytes, file);
      return { path: "", file, format: fmt, encoding, text };
    }
    case "html": {
      const { text, encoding } = loadHtml(bytes, file);
      return { path: "", file, format: fmt, encoding, text };
    }
    case "docx":
      // OOXML parts are UTF-8 XML; the encoding is reported for uniformity.
      return { path: "", file, format: fmt, encoding: "UTF-8", text: dropControls(await loadDocx(bytes, file)) };
    case "pdf":
      return { path: "", file, format: fmt, encoding: "PDF text layer", text: dropControls(await loadPdf(bytes, file)) };
  }
}

/** Read and decode one file into SourceText, or throw LoadError(file, reason). */
export async function loadFile(found: FoundFile): Promise<SourceText> {
  const format = formatOf(found.file) ?? formatOf(found.path);
  if (format === undefined) throw new LoadError(found.file, unsupportedReason(found.file));
  let handle: fs.FileHandle | undefined;
  let bytes: Uint8Array;
  try {
    handle = await fs.open(found.path, "r");
    const st = await handle.stat();
    if (!st.isFile()) throw new LoadError(found.file, st.isDirectory() ? "is a directory" : "not a regular file");
    if (st.size === 0) throw new LoadError(found.file, "empty file");
    if (format === "txt" || format === "md") {
      // Sniff the head first: a multi-GB binary misnamed .txt is rejected
      // without being read, and text is never rejected for its size alone
      // below the memory limit.
      const head = new Uint8Array(Math.min(HEAD_BYTES, st.size));
      await handle.read(head, 0, head.length, 0);
      const why = textHeadReason(head);
      if (why) throw new LoadError(found.file, why);
    }
    if (st.size > MAX_BYTES[format]) throw new LoadError(found.file, tooLarge(st.size, format));
    bytes = await handle.readFile();
  } catch (err) {
    if (err instanceof LoadError) throw err;
    throw new LoadError(found.file, fsErrorReason(err), { cause: err });
  } finally {
    await handle?.close();
  }
  const loaded = await loadBuffer(bytes, found.file, format);
  return { ...loaded, path: found.path };
}
