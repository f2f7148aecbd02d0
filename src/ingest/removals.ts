import fs from "node:fs/promises";
import path from "node:path";
import { PolicybotError } from "../util/errors.js";

/**
 * An ingest indexes exactly the paths it is given, so indexed files not
 * among them are dropped. That is right when they were deleted from the
 * docs folder (the normal incremental run), and wrong when the user only
 * meant to add something: `policybot ingest new.txt` over an index of
 * data/docs would leave an index of one file. Files that still exist where
 * the previous run found them (under its roots) are therefore not dropped
 * without --rebuild.
 */

/** The files among `files` (named relative to their root, with "/") that still exist under one of `roots`. */
export async function stillPresent(roots: readonly string[], files: readonly string[]): Promise<string[]> {
  if (files.length === 0) return [];
  const kinds = await Promise.all(roots.map(async (r) => ({ root: r, st: await fs.stat(r).catch(() => undefined) })));
  const candidates = (file: string): string[] => {
    const out: string[] = [];
    for (const { root, st } of kinds) {
      if (st?.isDirectory()) out.push(path.join(root, ...file.split("/")));
      // A root that is a file was indexed under its base name.
      else if (st?.isFile() && path.basename(root) === file) out.push(root);
    }
    return out;
  };
  const present = await Promise.all(
    files.map(async (file) => {
      for (const c of candidates(file)) if ((await fs.stat(c).catch(() => undefined))?.isFile()) return true;
      return false;
    }),
  );
  return files.filter((_, i) => present[i]);
}

export function removalRefused(files: readonly string[]): PolicybotError {
  const shown = files.slice(0, 3).join(", ") + (files.length > 3 ? ", …" : "");
  return new PolicybotError(`ingesting these paths would remove ${files.length} indexed file(s) not among them (${shown}); pass --rebuild to index only these paths`);
}
