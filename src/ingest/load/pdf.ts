/**
 * PDF: the text layer via unpdf's bundled pdf.js, one line per text line,
 * pages joined with "\n". No OCR: a scanned PDF is reported, not guessed at.
 */
import { getDocumentProxy, getResolvedPDFJS } from "unpdf";

import { LoadError } from "../../util/errors.js";

/** pdf.js VerbosityLevel.ERRORS: its warnings go to the console otherwise, and stdout is for JSON output. */
const PDFJS_ERRORS_ONLY = 0;

interface TextItem {
  str: string;
  hasEOL?: boolean;
  transform?: number[];
  height?: number;
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  // pdf.js, like Acrobat, accepts junk before the header within the first KB.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString("latin1");
  return head.includes("%PDF-");
}

function errorReason(err: unknown): string {
  const name = (err as { name?: string } | null)?.name ?? "";
  const msg = err instanceof Error ? err.message : String((err as { message?: unknown } | null)?.message ?? err);
  if (name === "PasswordException" || /password/i.test(msg)) return "encrypted PDF (password required)";
  const first = (msg.split("\n")[0] ?? "").replace(/\.$/, "").slice(0, 120);
  return `corrupt PDF (${first || name || "unreadable"})`;
}

/** Lines of one page: pdf.js marks line ends (hasEOL); a jump in y also starts a new line. */
function pageLines(items: TextItem[]): string[] {
  const lines: string[] = [];
  let line = "";
  let lastY: number | undefined;
  for (const item of items) {
    const y = item.transform?.[5];
    if (line !== "" && y !== undefined && lastY !== undefined && Math.abs(y - lastY) > Math.max(2, (item.height ?? 0) / 2)) {
      lines.push(line);
      line = "";
    }
    line += item.str;
    if (y !== undefined && item.str !== "") lastY = y;
    if (item.hasEOL) {
      lines.push(line);
      line = "";
    }
  }
  if (line !== "") lines.push(line);
  return lines.map((l) => l.replace(/\s+$/u, "")).filter((l) => /\S/.test(l));
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/**
 * Does one of the first pages draw text at all? Tells a scan (no text
 * operators) from text whose font pdf.js could not map to Unicode: CJK fonts
 * that use Adobe's predefined CMaps (UniGB-UCS2-H ...) need the CMap files
 * that ship with the pdfjs-dist package. Only run when no text came out.
 */
async function drawsText(doc: PdfDocument): Promise<boolean> {
  const { OPS } = await getResolvedPDFJS();
  const textOps = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
  for (let n = 1; n <= Math.min(doc.numPages, 3); n++) {
    const page = await doc.getPage(n);
    const ops = await page.getOperatorList();
    page.cleanup();
    if (ops.fnArray.some((op) => textOps.has(op))) return true;
  }
  return false;
}

export async function loadPdf(bytes: Uint8Array, file: string): Promise<string> {
  if (bytes.length === 0) throw new LoadError(file, "empty file");
  if (!hasPdfHeader(bytes)) throw new LoadError(file, "corrupt PDF (not a PDF file)");

  let doc: PdfDocument;
  try {
    // pdf.js may detach the buffer it is given: pass a copy, the caller may still need the bytes.
    doc = await getDocumentProxy(new Uint8Array(bytes), { verbosity: PDFJS_ERRORS_ONLY, stopAtErrors: false });
  } catch (err) {
    throw new LoadError(file, errorReason(err), { cause: err });
  }
  const lines: string[] = [];
  let fontTrouble = false;
  try {
    // Page by page, not all at once: keeps memory flat on long reports.
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      // Marked-content items (no `str`) only carry structure.
      const items = (content.items as Array<Partial<TextItem>>).filter((i): i is TextItem => typeof i.str === "string");
      lines.push(...pageLines(items));
      page.cleanup();
    }
    if (lines.length === 0) fontTrouble = await drawsText(doc);
  } catch (err) {
    throw new LoadError(file, errorReason(err), { cause: err });
  } finally {
    await doc.destroy();
  }
  if (fontTrouble) throw new LoadError(file, "PDF text not decodable (font without Unicode mapping)");
  const text = lines.join("\n");
  if (!/\S/.test(text)) throw new LoadError(file, "PDF has no text layer (scanned image?)");
  return text;
}
