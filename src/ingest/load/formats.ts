/** File extensions the loader reads, and the format each one maps to. */
import path from "node:path";

import type { SourceFormat } from "../types.js";

const FORMAT_BY_EXTENSION: Readonly<Record<string, SourceFormat>> = {
  ".txt": "txt",
  ".md": "md",
  ".markdown": "md",
  ".html": "html",
  ".htm": "html",
  ".docx": "docx",
  ".pdf": "pdf",
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(FORMAT_BY_EXTENSION));

/** Lower-cased extension with the dot ("" when there is none). */
export function extensionOf(file: string): string {
  return path.extname(file).toLowerCase();
}

export function formatOf(file: string): SourceFormat | undefined {
  return FORMAT_BY_EXTENSION[extensionOf(file)];
}

export function unsupportedReason(file: string): string {
  const ext = extensionOf(file);
  return ext === "" ? "unsupported type (no extension)" : `unsupported type ${ext}`;
}
