/**
 * Which top-level folder may import which: the data flow ingest → core/index → api → web, with
 * server/ (the composition root) above api/ and ingest/, and the tools (eval/, bench/, test/)
 * free to call anything. Read from the source text, so no build is needed.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/** For each product folder, the folders its files may import from (itself always included). */
export const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  core: [],
  ingest: ["core"],
  api: ["core"],
  server: ["core", "api", "ingest"],
  web: ["core"],
};

/** Static `import … from`, `export … from`, side-effect `import "…"` and dynamic `import("…")`. */
const SPECIFIER = /(?:\bfrom\s*|^\s*import\s*|\bimport\s*\(\s*)["']([^"']+)["']/gm;

const SOURCE_FILE = /\.(?:ts|tsx|mts)$/;
/** Tests beside the code are tools like those under test/: they may build an index or start a server. */
const TEST_FILE = /\.test\.tsx?$/;
const SKIPPED_DIRS = new Set(["node_modules", "dist", "data", "__fixtures__"]);

export interface Violation {
  file: string;
  specifier: string;
  from: string;
  to: string;
}

/** Relative import specifiers in a source text (packages and node: builtins are not folders of ours). */
export function relativeImports(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[1]!).filter((s) => s.startsWith("."));
}

/** The rule broken by importing `specifier` from `file` (both relative to `root`), if any. */
export function checkImport(root: string, file: string, specifier: string): Violation | null {
  const from = file.split(/[\\/]/)[0]!;
  const allowed = ALLOWED_IMPORTS[from];
  if (!allowed) return null;
  const target = relative(root, resolve(root, dirname(file), specifier));
  const to = target.split(sep)[0]!;
  if (to === from || allowed.includes(to)) return null;
  return { file, specifier, from, to };
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(join(dir, entry.name));
    return SOURCE_FILE.test(entry.name) && !TEST_FILE.test(entry.name) ? [join(dir, entry.name)] : [];
  });
}

/** Every import in the product code (tests aside) under `root` that crosses a boundary it may not. */
export function boundaryViolations(root: string): Violation[] {
  return Object.keys(ALLOWED_IMPORTS).flatMap((folder) =>
    sourceFiles(join(root, folder)).flatMap((path) => {
      const file = relative(root, path);
      return relativeImports(readFileSync(path, "utf8")).flatMap((s) => checkImport(root, file, s) ?? []);
    }),
  );
}
