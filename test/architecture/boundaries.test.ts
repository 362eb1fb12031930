import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/child.ts";
import { boundaryViolations, checkImport, relativeImports } from "./boundaries.ts";

/** Imports from api/ into ingest/ that exist today; each goes as its code moves to core/ (issue 16). */
const PENDING = new Set([
  "api/answer/candidates.ts → ../../ingest/passages/tables.ts",
  "api/responsibilities/answer.ts → ../../ingest/tasks/conflicts.ts",
  "api/responsibilities/names.ts → ../../ingest/tasks/units.ts",
  "api/responsibilities/store.ts → ../../ingest/tasks/units.ts",
]);

describe("import boundaries", () => {
  it("finds static, re-exported, side-effect and dynamic imports, multi-line ones too", () => {
    const source = [
      'import { a,', '  b } from "../core/model.ts";', 'export { c } from "./c.ts";', 'import "./side.ts";',
      'const m = await import("../ingest/cli.ts");', 'import { z } from "zod";', 'import { join } from "node:path";',
    ].join("\n");
    expect(relativeImports(source)).toEqual(["../core/model.ts", "./c.ts", "./side.ts", "../ingest/cli.ts"]);
  });

  it("lets api/ import core/ but not ingest/, and core/ nothing above it", () => {
    expect(checkImport("/repo", "api/answer/x.ts", "../../core/text/normalize.ts")).toBeNull();
    expect(checkImport("/repo", "api/answer/x.ts", "../../ingest/passages/tables.ts")).toMatchObject({ from: "api", to: "ingest" });
    expect(checkImport("/repo", "core/tasks.ts", "../api/app.ts")).toMatchObject({ from: "core", to: "api" });
    expect(checkImport("/repo", "ingest/cli.ts", "../api/app.ts")).toMatchObject({ from: "ingest", to: "api" });
  });

  it("lets the composition root import api/ and ingest/, and web/ only core/", () => {
    expect(checkImport("/repo", "server/main.ts", "../ingest/run-ingest.ts")).toBeNull();
    expect(checkImport("/repo", "web/src/App.tsx", "../../core/api-schema.ts")).toBeNull();
    expect(checkImport("/repo", "web/src/units/View.tsx", "../api/useApi.ts")).toBeNull();
    expect(checkImport("/repo", "web/src/App.tsx", "../../server/compose.ts")).toMatchObject({ from: "web", to: "server" });
  });

  it("holds for the whole tree", () => {
    const found = boundaryViolations(ROOT).map((v) => `${v.file} → ${v.specifier}`);
    expect(found.filter((v) => !PENDING.has(v))).toEqual([]);
    expect(found).toEqual(expect.arrayContaining([...PENDING]));
  });
});
