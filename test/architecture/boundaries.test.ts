import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/child.ts";
import { boundaryViolations, checkImport, relativeImports } from "./boundaries.ts";

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

  it("walks a tree's product folders, tests aside", () => {
    const root = mkdtempSync(join(tmpdir(), "gongbao-boundaries-"));
    try {
      mkdirSync(join(root, "api/answer"), { recursive: true });
      writeFileSync(join(root, "api/answer/x.ts"), 'import { readTable } from "../../ingest/passages/tables.ts";\n');
      writeFileSync(join(root, "api/answer/x.test.ts"), 'import { runIngest } from "../../ingest/run-ingest.ts";\n');
      expect(boundaryViolations(root)).toEqual([
        { file: "api/answer/x.ts", specifier: "../../ingest/passages/tables.ts", from: "api", to: "ingest" },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("holds for the whole tree", () => {
    expect(boundaryViolations(ROOT)).toEqual([]);
  });
});
