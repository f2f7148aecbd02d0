/**
 * Word .docx: one line per paragraph, one line per table row.
 *
 * Why convertToHtml and not extractRawText: the raw text puts every table
 * cell on its own line, so a row ("政府常务会 | 16 次") falls apart across
 * lines and chunks. The HTML keeps the table structure; images are dropped
 * before they are base64-encoded into the string.
 */
import mammoth from "mammoth";

import { LoadError } from "../../util/errors.js";
import { renderHtmlLines } from "./html.js";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** Does an OLE container hold an "EncryptionInfo" stream (a password-protected OOXML file)? */
function isEncryptedOle(bytes: Uint8Array): boolean {
  const needle = Buffer.from("EncryptionInfo", "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/** A one-line reason for a docx that mammoth (or its zip reader) rejected. */
function corruptReason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/main document part/i.test(msg)) return "corrupt .docx (no word/document.xml, not a Word document)";
  if (/end of central directory|corrupted zip|end of data|invalid signature|zip/i.test(msg)) {
    return "corrupt .docx (truncated or damaged zip archive)";
  }
  const first = msg.split("\n")[0]?.slice(0, 120) ?? "unknown error";
  return `corrupt .docx (${first})`;
}

export async function loadDocx(bytes: Uint8Array, file: string): Promise<string> {
  if (bytes.length === 0) throw new LoadError(file, "empty file");
  if (startsWith(bytes, OLE_MAGIC)) {
    // Office puts both password-protected .docx and old binary .doc files in an OLE container.
    throw new LoadError(
      file,
      isEncryptedOle(bytes) ? "encrypted .docx (password required)" : "not a .docx (old Word .doc format; save it as .docx)",
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw new LoadError(file, "corrupt .docx (not a zip archive)");

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
        ignoreEmptyParagraphs: true,
      },
    );
    html = result.value;
  } catch (err) {
    throw new LoadError(file, corruptReason(err), { cause: err });
  }
  // Footnotes come last as a list; their "↑" back-links are not text.
  const text = renderHtmlLines(html, 'a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]').join("\n");
  if (!/\S/.test(text)) throw new LoadError(file, "no text in .docx");
  return text;
}
