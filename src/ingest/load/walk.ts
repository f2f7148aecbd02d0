/**
 * Find the files to ingest under the paths a user gave: depth-first, entries
 * sorted by name (code-unit order, not locale order, so the result is the
 * same on every machine), hidden entries skipped, symlinks followed.
 */
import * as fs from "node:fs/promises";
import path from "node:path";

import { formatOf, unsupportedReason } from "./formats.js";

export interface FoundFile {
  /** Absolute path (as reached, symlinks not resolved). */
  path: string;
  /** Path relative to its root, with forward slashes. */
  file: string;
}

export interface SkippedFile {
  file: string;
  /** One line, in English. */
  reason: string;
}

/** The one-line reason for a failed file-system call. */
export function fsErrorReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOENT":
    case "ENOTDIR":
      return "not found";
    case "ELOOP":
      return "symlink loop";
    case "EISDIR":
      return "is a directory";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    default:
      return code ? `cannot read (${code})` : `cannot read (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`;
  }
}

function toSlashes(p: string): string {
  return p.split(path.sep).join("/");
}

/** `abs` relative to `base` with forward slashes, or undefined if it is not inside `base`. */
function relativeInside(base: string, abs: string): string | undefined {
  const rel = path.relative(base, abs);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  return toSlashes(rel);
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

class Walker {
  readonly files: FoundFile[] = [];
  readonly skipped: SkippedFile[] = [];
  /** Real path of every file returned → its `file`, to report the same file reached twice. */
  private readonly seenFiles = new Map<string, string>();
  /** Real path of every directory walked → its display name. */
  private readonly seenDirs = new Map<string, string>();

  async addFile(abs: string, file: string): Promise<void> {
    const name = path.basename(abs);
    if (name.startsWith("~$")) {
      this.skipped.push({ file, reason: "Office lock file" });
      return;
    }
    if (!formatOf(name)) {
      this.skipped.push({ file, reason: unsupportedReason(name) });
      return;
    }
    try {
      await fs.access(abs, fs.constants.R_OK);
      const real = await fs.realpath(abs);
      const earlier = this.seenFiles.get(real);
      if (earlier !== undefined) {
        this.skipped.push({ file, reason: `same file as ${earlier}` });
        return;
      }
      this.seenFiles.set(real, file);
    } catch (err) {
      this.skipped.push({ file, reason: fsErrorReason(err) });
      return;
    }
    this.files.push({ path: abs, file });
  }

  /**
   * Walk a directory. `ancestors` holds the real paths of the directories on
   * the current branch: a symlink back to one of them is a loop, reported once
   * at the link and not followed.
   */
  async walkDir(dirAbs: string, base: string, display: string, ancestors: Set<string>): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dirAbs, { withFileTypes: true });
    } catch (err) {
      this.skipped.push({ file: display, reason: fsErrorReason(err) });
      return;
    }
    entries.sort(byName);
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue; // .git, .DS_Store, editor swap files
      const abs = path.join(dirAbs, entry.name);
      const file = relativeInside(base, abs) ?? toSlashes(abs);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = await fs.stat(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          this.skipped.push({ file, reason: code === "ENOENT" ? "broken symlink" : fsErrorReason(err) });
          continue;
        }
      }
      if (isDir) await this.enterDir(abs, base, file, ancestors);
      else if (isFile) await this.addFile(abs, file);
      else this.skipped.push({ file, reason: "not a regular file" });
    }
  }

  async enterDir(abs: string, base: string, display: string, ancestors: Set<string>): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(abs);
    } catch (err) {
      this.skipped.push({ file: display, reason: fsErrorReason(err) });
      return;
    }
    if (ancestors.has(real)) {
      this.skipped.push({ file: display, reason: "symlink loop" });
      return;
    }
    const earlier = this.seenDirs.get(real);
    if (earlier !== undefined) {
      this.skipped.push({ file: display, reason: `same directory as ${earlier}` });
      return;
    }
    this.seenDirs.set(real, display);
    ancestors.add(real);
    await this.walkDir(abs, base, display, ancestors);
    ancestors.delete(real);
  }
}

/**
 * Walk files and directories recursively (sorted, deterministic), following
 * symlinks safely: a loop is reported once as skipped, a directory or file
 * reached twice is reported as a duplicate. Hidden entries (.git ...) are
 * skipped silently; files with unsupported extensions are reported as
 * skipped. A path that is itself a file gets `file` = its basename (or its
 * path relative to `root` when it is inside `root`); files under a directory
 * get their path relative to `root`, or else to that directory.
 */
export async function findFiles(
  paths: string[],
  options: { root?: string } = {},
): Promise<{ files: FoundFile[]; skipped: SkippedFile[] }> {
  const walker = new Walker();
  const root = options.root !== undefined ? path.resolve(options.root) : undefined;
  for (const given of paths) {
    const abs = path.resolve(given);
    const inRoot = root !== undefined ? relativeInside(root, abs) : undefined;
    let st;
    try {
      st = await fs.stat(abs);
    } catch (err) {
      walker.skipped.push({ file: inRoot ?? toSlashes(given), reason: fsErrorReason(err) });
      continue;
    }
    if (st.isDirectory()) {
      const base = root !== undefined && (inRoot !== undefined || abs === root) ? root : abs;
      await walker.enterDir(abs, base, inRoot ?? toSlashes(given), new Set());
    } else if (st.isFile()) {
      await walker.addFile(abs, inRoot ?? path.basename(abs));
    } else {
      walker.skipped.push({ file: inRoot ?? toSlashes(given), reason: "not a regular file" });
    }
  }
  return { files: walker.files, skipped: walker.skipped };
}
