import { readFileSync } from "node:fs";
import { packagePath } from "./paths.js";

/**
 * The rows of a tab-separated list in data/dict (the English glossary, the
 * office's own affairs, everyday words): one per line, its fields trimmed;
 * blank lines and "#" comments left out.
 */
export function dictionaryRows(file: string): string[][] {
  return readFileSync(packagePath("data", "dict", file), "utf8")
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line) => line.split("\t").map((field) => field.trim()));
}
