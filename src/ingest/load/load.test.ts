import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import iconv from "iconv-lite";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";

import { LoadError } from "../../util/errors.js";
import { SUPPORTED_EXTENSIONS, findFiles, loadBuffer, loadFile, type FoundFile } from "./index.js";
import { fsErrorReason } from "./walk.js";

// Paths listed here fail with EACCES in open/access/readdir: root can read
// anything, so the permission-denied mapping is also tested this way.
const denied = vi.hoisted(() => new Set<string>());
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const check = (p: unknown, syscall: string): void => {
    if (denied.has(String(p))) {
      throw Object.assign(new Error(`EACCES: permission denied, ${syscall} '${String(p)}'`), {
        code: "EACCES",
        errno: -13,
        syscall,
        path: String(p),
      });
    }
  };
  return {
    ...actual,
    open: (async (p: string, ...rest: unknown[]) => {
      check(p, "open");
      return (actual.open as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof actual.open,
    access: (async (p: string, mode?: number) => {
      check(p, "access");
      return actual.access(p, mode);
    }) as typeof actual.access,
    readdir: (async (p: string, ...rest: unknown[]) => {
      check(p, "scandir");
      return (actual.readdir as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof actual.readdir,
  };
});

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const FIXTURES = path.join(ROOT, "test/fixtures/load");
const isRoot = process.getuid?.() === 0;

/** Real corpus lines the fixtures were made from (see test/fixtures/load/make-fixtures.py). */
let S: string[] = []; // 004: simplified
let T: string[] = []; // 001: traditional
let SIMPLIFIED = "";

beforeAll(async () => {
  S = (await readFile(path.join(ROOT, "data/docs/004_aca56f0dfc7b8c1b.txt"), "utf8")).split("\n");
  T = (await readFile(path.join(ROOT, "data/docs/001_084f284d8a8a9e43.txt"), "utf8")).split("\n");
  SIMPLIFIED = [S[0], "", S[10], "", S[12], "", S[14], "", S[16]].join("\n") + "\n";
});

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "policybot-load-"));
  temps.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of temps) {
    await chmod(d, 0o755).catch(() => undefined);
    await rm(d, { recursive: true, force: true });
  }
});
afterEach(() => denied.clear());

function fixture(name: string): FoundFile {
  return { path: path.join(FIXTURES, name), file: name };
}

/** The LoadError a promise rejects with (fails the test if it resolves or throws something else). */
async function loadError(p: Promise<unknown>): Promise<LoadError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LoadError);
  return err as LoadError;
}

const squash = (s: string): string => s.replace(/\s+/g, "");

describe("SUPPORTED_EXTENSIONS", () => {
  test("lists the seven readable extensions", () => {
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual([".docx", ".htm", ".html", ".markdown", ".md", ".pdf", ".txt"]);
  });
});

describe("text encodings", () => {
  test.each([
    ["gbk.txt", "GB18030"],
    ["utf8-bom.txt", "UTF-8"],
    ["utf16le-bom.txt", "UTF-16LE"],
    ["utf16be-bom.txt", "UTF-16BE"],
  ])("%s decodes as %s to the exact corpus passage, BOM stripped, CRLF normalised", async (name, encoding) => {
    const src = await loadFile(fixture(name));
    expect(src.encoding).toBe(encoding);
    expect(src.format).toBe("txt");
    expect(src.file).toBe(name);
    expect(src.path).toBe(path.join(FIXTURES, name));
    expect(src.text).toBe(SIMPLIFIED);
  });

  test("big5.txt decodes as Big5 to the traditional corpus lines", async () => {
    const src = await loadFile(fixture("big5.txt"));
    expect(src.encoding).toBe("Big5");
    expect(src.text).toBe([4, 14, 15, 33, 153, 236].map((i) => T[i]).join("\n") + "\n");
    expect(src.text).toContain("一、在貫徹黨的群眾線路教育實踐活動中");
  });

  test("short legacy-encoded lines: GB18030 vs Big5 decided by scoring, not by chardet", async () => {
    // Short strings are where chardet guesses Shift_JIS or ISO-8859-1.
    for (const line of [S[0]!, S[10]!, "政府工作报告", "加强制度建设"]) {
      const src = await loadBuffer(iconv.encode(line, "gbk"), "short.txt");
      expect(src.encoding).toBe("GB18030");
      expect(src.text).toBe(line);
    }
    for (const line of [T[4]!, T[14]!, "政府工作報告", "群眾路線教育實踐"]) {
      const src = await loadBuffer(iconv.encode(line, "big5"), "short.txt");
      expect(src.encoding).toBe("Big5");
      expect(src.text).toBe(line);
    }
  });

  test("a Chinese file name with spaces loads", async () => {
    const src = await loadFile(fixture("带 空格 的名字.txt"));
    expect(src.encoding).toBe("UTF-8");
    expect(src.text).toBe(`${S[18]}\n${S[20]}\n`);
  });

  test("markdown is read as text with format md", async () => {
    const src = await loadFile(fixture("notes.md"));
    expect(src.format).toBe("md");
    expect(src.text).toBe(`# ${S[0]}\n\n## ${S[10]}\n\n${S[12]}\n`);
  });

  test("UTF-16LE without a BOM is recognised, not taken for binary", async () => {
    const src = await loadBuffer(Buffer.from("Work report 2024\n" + S[0], "utf16le"), "nobom.txt");
    expect(src.encoding).toBe("UTF-16LE");
    expect(src.text).toBe("Work report 2024\n" + S[0]);
  });

  test("a 50 MB GB18030 text file loads completely and decodes correctly", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "big.txt");
    const passage = `${S[12]}\r\n`;
    const unit = iconv.encode(passage.repeat(500), "gb18030");
    const copies = Math.ceil((50 * 1024 * 1024) / unit.length);
    await writeFile(file, Buffer.concat(Array.from({ length: copies }, () => unit)));
    const src = await loadFile({ path: file, file: "big.txt" });
    expect(src.encoding).toBe("GB18030");
    expect(src.text.length).toBe((S[12]!.length + 1) * 500 * copies);
    expect(src.text.startsWith(`${S[12]}\n${S[12]}\n`)).toBe(true);
    expect(src.text.endsWith(`${S[12]}\n`)).toBe(true);
    expect(src.text.includes("\r")).toBe(false);
    expect(src.text.includes("\uFFFD")).toBe(false);
  });
});

describe("bad text files", () => {
  test("empty.txt → empty file", async () => {
    expect((await loadError(loadFile(fixture("empty.txt")))).message).toBe("empty file");
  });

  test("whitespace.txt → empty file (whitespace only)", async () => {
    expect((await loadError(loadFile(fixture("whitespace.txt")))).message).toBe("empty file (whitespace only)");
  });

  test("binary.txt (PNG bytes) → binary content, with the file name on the error", async () => {
    const err = await loadError(loadFile(fixture("binary.txt")));
    expect(err.message).toBe("binary content, not text (PNG image)");
    expect(err.file).toBe("binary.txt");
  });

  test("NUL bytes or many control characters → binary content", async () => {
    const withNul = Buffer.concat([Buffer.from(S[0]!, "utf8"), Buffer.from([0, 1, 2, 0]), Buffer.from(S[10]!, "utf8")]);
    expect((await loadError(loadBuffer(withNul, "x.txt"))).message).toBe("binary content, not text");
    const controls = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? 0x07 : 0x41 + (i % 26))));
    expect((await loadError(loadBuffer(controls, "x.txt"))).message).toBe("binary content, not text");
  });

  test("a large binary file named .txt is rejected from its head", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "dump.txt");
    const png = await readFile(path.join(FIXTURES, "binary.txt"));
    await writeFile(file, Buffer.concat([png, Buffer.alloc(8 * 1024 * 1024, 0xab)]));
    expect((await loadError(loadFile({ path: file, file: "dump.txt" }))).message).toBe("binary content, not text (PNG image)");
  });
});

describe("html", () => {
  test("page.html: the article only, block elements on their own lines", async () => {
    const src = await loadFile(fixture("page.html"));
    expect(src.format).toBe("html");
    expect(src.encoding).toBe("UTF-8");
    const lines = src.text.split("\n");
    expect(lines[0]).toBe(S[0]);
    expect(lines).toContain(S[10]);
    expect(lines).toContain(S[12]);
    expect(lines).toContain(S[14]);
    expect(lines).toContain("政府常务会\t16 次");
    // <br> inside the paragraph breaks the line.
    expect(lines).toContain(S[16]!.slice(0, 60));
    expect(lines).toContain(S[16]!.slice(60));
    for (const junk of ["首页", "热门文章", "不应出现的脚本文字", "脚本输出", "文章内脚本", "广告位", "font-family", "Copyright", "请输入评论", "提交", "范文网"]) {
      expect(src.text).not.toContain(junk);
    }
  });

  test("page-gbk.html: charset from http-equiv, main block found without semantic tags", async () => {
    const src = await loadFile(fixture("page-gbk.html"));
    expect(src.encoding).toBe("GB18030");
    expect(src.text).toBe([S[0], S[18], S[20]].join("\n"));
  });

  test("<meta charset=big5> is honoured", async () => {
    const html = `<html><head><meta charset="big5"></head><body><main><p>${T[4]}</p><p>${T[14]}</p></main></body></html>`;
    const src = await loadBuffer(iconv.encode(html, "big5"), "page.htm");
    expect(src.encoding).toBe("Big5");
    expect(src.text).toBe(`${T[4]}\n${T[14]}`);
  });

  test("a page with only boilerplate has no text", async () => {
    const html = "<html><body><script>var a='正文';</script><nav><a href='/'>首页</a></nav><!-- 注释 --></body></html>";
    expect((await loadError(loadBuffer(Buffer.from(html), "nav.html"))).message).toBe("no text content in HTML");
  });
});

describe("docx", () => {
  test("good.docx: one line per paragraph, one line per table row", async () => {
    const src = await loadFile(fixture("good.docx"));
    expect(src.format).toBe("docx");
    expect(src.text.split("\n")).toEqual([
      S[0],
      S[10],
      S[12],
      "会议\t次数",
      "政府全体会\t1 次",
      "政府常务会\t16 次",
      "区长办公会\t12 次",
      S[14],
      S[16],
    ]);
  });

  test("truncated.docx (a real docx cut in half) → corrupt .docx", async () => {
    const err = await loadError(loadFile(fixture("truncated.docx")));
    expect(err.message).toBe("corrupt .docx (truncated or damaged zip archive)");
    expect(err.file).toBe("truncated.docx");
  });

  test("not-a-zip.docx (text named .docx) → corrupt .docx (not a zip archive)", async () => {
    expect((await loadError(loadFile(fixture("not-a-zip.docx")))).message).toBe("corrupt .docx (not a zip archive)");
  });
});

describe("pdf", () => {
  test("good.pdf: the Chinese text layer round-trips, line by line, without console output", async () => {
    const log = vi.spyOn(console, "log");
    const info = vi.spyOn(console, "info");
    const warn = vi.spyOn(console, "warn");
    const stdout = vi.spyOn(process.stdout, "write");
    try {
      const bytes = await readFile(path.join(FIXTURES, "good.pdf"));
      const size = bytes.length;
      const src = await loadBuffer(bytes, "good.pdf");
      expect(bytes.length).toBe(size); // the caller's buffer is not detached by pdf.js
      expect(src.format).toBe("pdf");
      const lines = src.text.split("\n");
      expect(lines[0]).toBe(S[0]);
      expect(lines[1]).toBe(S[10]);
      expect(lines.length).toBeGreaterThan(10);
      const flat = squash(src.text);
      for (const i of [12, 14, 16]) expect(flat).toContain(squash(S[i]!));
      expect(flat).toContain("政府常务会16次");
      // The bad ones, including the font pdf.js warns about at its default verbosity.
      for (const name of ["encrypted.pdf", "corrupt.pdf", "scanned.pdf", "cjk-cmap.pdf"]) {
        await loadFile(fixture(name)).catch(() => undefined);
      }
      expect(log).not.toHaveBeenCalled();
      expect(info).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
      expect(stdout).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
  });

  test("encrypted.pdf (qpdf, user password) → encrypted PDF (password required)", async () => {
    expect((await loadError(loadFile(fixture("encrypted.pdf")))).message).toBe("encrypted PDF (password required)");
  });

  test("corrupt.pdf → corrupt PDF (...)", async () => {
    expect((await loadError(loadFile(fixture("corrupt.pdf")))).message).toBe("corrupt PDF (Invalid PDF structure)");
    expect((await loadError(loadBuffer(Buffer.from(S[0]!), "report.pdf"))).message).toBe("corrupt PDF (not a PDF file)");
  });

  test("scanned.pdf (image only) → PDF has no text layer", async () => {
    expect((await loadError(loadFile(fixture("scanned.pdf")))).message).toBe("PDF has no text layer (scanned image?)");
  });
});

describe("pdf with a predefined CJK CMap", () => {
  test("cjk-cmap.pdf: decoded if pdf.js has CMap data, else a reason that is not 'scanned'", async () => {
    // pdf.js reads the CMap files from the pdfjs-dist package when it is installed.
    const outcome = await loadFile(fixture("cjk-cmap.pdf")).then(
      (src) => src.text,
      (e: unknown) => (e instanceof LoadError ? e.message : String(e)),
    );
    expect([S[0], "PDF text not decodable (font without Unicode mapping)"]).toContain(outcome);
  });
});

describe("loadBuffer", () => {
  test("uses the given format over the name, and has no path", async () => {
    const src = await loadBuffer(iconv.encode(S[0]!, "gbk"), "telegram-upload", "txt");
    expect(src).toEqual({ path: "", file: "telegram-upload", format: "txt", encoding: "GB18030", text: S[0] });
  });

  test("unsupported or unknown types are rejected", async () => {
    expect((await loadError(loadBuffer(Buffer.from("x"), "sheet.xlsx"))).message).toBe("unsupported type .xlsx");
    expect((await loadError(loadBuffer(Buffer.from("x"), "README"))).message).toBe("unsupported type (no extension)");
  });

  test("binary formats above their size limit are rejected", async () => {
    const big = new Uint8Array(101 * 1024 * 1024);
    expect((await loadError(loadBuffer(big, "huge.docx"))).message).toBe("file too large (101 MB; limit for .docx is 100 MB)");
  });
});

describe("findFiles", () => {
  /** A corpus tree with everything the walker must cope with. Symlinks are made here, not committed. */
  async function makeTree(): Promise<string> {
    const dir = await tempDir();
    await mkdir(path.join(dir, "b/c"), { recursive: true });
    await mkdir(path.join(dir, ".git"));
    await copyFile(path.join(FIXTURES, "gbk.txt"), path.join(dir, "a.txt"));
    await copyFile(path.join(FIXTURES, "带 空格 的名字.txt"), path.join(dir, "b/带 空格 的名字.txt"));
    await copyFile(path.join(FIXTURES, "page.html"), path.join(dir, "b/c/page.html"));
    await copyFile(path.join(FIXTURES, "good.docx"), path.join(dir, "b/c/Report.DOCX"));
    await writeFile(path.join(dir, ".git/config"), "[core]\n");
    await writeFile(path.join(dir, ".hidden.txt"), S[0]!);
    await writeFile(path.join(dir, "data.xlsx"), "PK");
    await writeFile(path.join(dir, "README"), S[0]!);
    await writeFile(path.join(dir, "b/~$Report.docx"), "lock");
    await symlink("../..", path.join(dir, "b/c/loop")); // back to the root: a loop
    await symlink("a.txt", path.join(dir, "alias.txt")); // the same file twice
    await symlink("missing.txt", path.join(dir, "dangling.txt"));
    await symlink("self.txt", path.join(dir, "self.txt")); // ELOOP
    await symlink("b/c", path.join(dir, "c-link")); // a directory reached twice
    return dir;
  }

  test("walks sorted and deterministic, skipping hidden entries, reporting loops and bad entries once", async () => {
    const dir = await makeTree();
    const first = await findFiles([dir]);
    expect(first.files.map((f) => f.file)).toEqual(["a.txt", "b/c/Report.DOCX", "b/c/page.html", "b/带 空格 的名字.txt"]);
    expect(first.files.map((f) => f.path)).toEqual(first.files.map((f) => path.join(dir, f.file)));
    expect(first.skipped).toEqual([
      { file: "README", reason: "unsupported type (no extension)" },
      { file: "alias.txt", reason: "same file as a.txt" },
      { file: "b/c/loop", reason: "symlink loop" },
      { file: "b/~$Report.docx", reason: "Office lock file" },
      { file: "c-link", reason: "same directory as b/c" },
      { file: "dangling.txt", reason: "broken symlink" },
      { file: "data.xlsx", reason: "unsupported type .xlsx" },
      { file: "self.txt", reason: "symlink loop" },
    ]);
    expect(await findFiles([dir])).toEqual(first);
    // Every file found loads.
    const loaded = await Promise.all(first.files.map((f) => loadFile(f)));
    expect(loaded.map((s) => s.format)).toEqual(["txt", "docx", "html", "txt"]);
    expect(loaded[0]!.text).toBe(SIMPLIFIED);
  });

  test("a symlink loop into a subdirectory is reported once, not walked forever", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "x/y"), { recursive: true });
    await writeFile(path.join(dir, "x/y/doc.txt"), S[0]!);
    await symlink("..", path.join(dir, "x/y/up"));
    await symlink(".", path.join(dir, "x/here"));
    const { files, skipped } = await findFiles([path.join(dir, "x")]);
    expect(files.map((f) => f.file)).toEqual(["y/doc.txt"]);
    expect(skipped).toEqual([
      { file: "here", reason: "symlink loop" },
      { file: "y/up", reason: "symlink loop" },
    ]);
  });

  test("root option, a file path and a missing path", async () => {
    const dir = await makeTree();
    const { files, skipped } = await findFiles(
      [path.join(dir, "b"), path.join(FIXTURES, "带 空格 的名字.txt"), path.join(dir, "nope")],
      { root: dir },
    );
    // b/c/loop leads out of b to the root, which is walked once (a.txt); the
    // way back into b is the loop.
    expect(files.map((f) => f.file)).toEqual([
      "b/c/Report.DOCX",
      "b/c/loop/a.txt",
      "b/c/page.html",
      "b/带 空格 的名字.txt",
      "带 空格 的名字.txt",
    ]);
    expect(files[4]!.path).toBe(path.join(FIXTURES, "带 空格 的名字.txt"));
    expect(skipped.filter((s) => s.file.startsWith("b/c/loop/b"))).toEqual([{ file: "b/c/loop/b", reason: "symlink loop" }]);
    expect(skipped).toContainEqual({ file: "b/c/loop/c-link", reason: "symlink loop" }); // b/c is on the current branch
    expect(skipped).toContainEqual({ file: "nope", reason: "not found" });
  });

  test("the fixture directory itself: Chinese names with spaces, the generator script skipped", async () => {
    const { files, skipped } = await findFiles([FIXTURES]);
    expect(files.map((f) => f.file)).toContain("带 空格 的名字.txt");
    expect(files.map((f) => f.file)).toEqual([...files.map((f) => f.file)].sort());
    expect(skipped).toEqual([{ file: "make-fixtures.py", reason: "unsupported type .py" }]);
  });
});

describe("permission denied", () => {
  test.skipIf(isRoot)("chmod 000 file and directory → skipped / LoadError 'permission denied'", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "locked-dir"));
    await writeFile(path.join(dir, "locked.txt"), S[0]!);
    await writeFile(path.join(dir, "open.txt"), S[0]!);
    await chmod(path.join(dir, "locked.txt"), 0o000);
    await chmod(path.join(dir, "locked-dir"), 0o000);
    const { files, skipped } = await findFiles([dir]);
    expect(files.map((f) => f.file)).toEqual(["open.txt"]);
    expect(skipped).toEqual([
      { file: "locked-dir", reason: "permission denied" },
      { file: "locked.txt", reason: "permission denied" },
    ]);
    expect((await loadError(loadFile({ path: path.join(dir, "locked.txt"), file: "locked.txt" }))).message).toBe(
      "permission denied",
    );
  });

  test("EACCES from the file system (mocked, works as root) → skipped / LoadError 'permission denied'", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "locked-dir"));
    await writeFile(path.join(dir, "locked-dir/inner.txt"), S[0]!);
    await writeFile(path.join(dir, "locked.txt"), S[0]!);
    await writeFile(path.join(dir, "open.txt"), S[0]!);
    denied.add(path.join(dir, "locked.txt"));
    denied.add(path.join(dir, "locked-dir"));
    const { files, skipped } = await findFiles([dir]);
    expect(files.map((f) => f.file)).toEqual(["open.txt"]);
    expect(skipped).toEqual([
      { file: "locked-dir", reason: "permission denied" },
      { file: "locked.txt", reason: "permission denied" },
    ]);
    const err = await loadError(loadFile({ path: path.join(dir, "locked.txt"), file: "locked.txt" }));
    expect(err.message).toBe("permission denied");
    expect(err.file).toBe("locked.txt");
  });

  test("file-system error codes map to one-line reasons", () => {
    const e = (code: string) => Object.assign(new Error(code), { code });
    expect(fsErrorReason(e("EACCES"))).toBe("permission denied");
    expect(fsErrorReason(e("EPERM"))).toBe("permission denied");
    expect(fsErrorReason(e("ENOENT"))).toBe("not found");
    expect(fsErrorReason(e("ELOOP"))).toBe("symlink loop");
    expect(fsErrorReason(e("EIO"))).toBe("cannot read (EIO)");
  });
});
