import { fileURLToPath } from "node:url";
import path from "node:path";

/** The package root (the folder holding package.json), from src/ or dist/ alike. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export function packagePath(...parts: string[]): string {
  return path.join(PACKAGE_ROOT, ...parts);
}
