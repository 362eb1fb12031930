import { describe, expect, it } from "vitest";
import { pageRanges } from "./extract.ts";
import { toLogicalLines } from "./paragraphs.ts";
import { removeFurniture } from "./running.ts";
import type { VisualLine } from "./visual-lines.ts";

/** A text block 100–400 pt wide, 12 pt type, 18 pt line spacing: 25 characters per full line. */
const EM = 12;
const line = (page: number, row: number, text: string, opts: { x0?: number; size?: number; cells?: [number, string][] } = {}): VisualLine => {
  const size = opts.size ?? EM;
  const x0 = opts.x0 ?? 100;
  const segments = opts.cells?.map(([x, t]) => ({ text: t, x0: x, x1: x + t.length * size })) ?? [{ text, x0, x1: x0 + text.length * size }];
  return { page, y: 60 + row * 18, size, x0: segments[0]!.x0, x1: segments[segments.length - 1]!.x1, segments };
};
const full = "国".repeat(25);
/** Full lines of body text, each different (as text is). */
const body = (page: number, from: number, n: number) => Array.from({ length: n }, (_, i) => line(page, from + i, String.fromCodePoint(0x4e00 + page * 50 + i).repeat(25)));

describe("running heads, feet and page numbers", () => {
  const page = (n: number, head: string | null) => [
    ...(head ? [line(n, 0, head, { x0: 200, size: 9 })] : []),
    ...body(n, 2, 6),
    line(n, 40, `— ${n} —`, { x0: 240, size: 10 }),
  ];

  it("are recognised by repetition, with alternating heads and the printed page numbers read", () => {
    const pages = [1, 2, 3, 4].map((n) => page(n, n % 2 ? "三门峡市人民政府公报" : "2025年第1号"));
    const out = removeFurniture(pages);
    expect(out.body.map((p) => p.length)).toEqual([6, 6, 6, 6]);
    expect(out.printed).toEqual([1, 2, 3, 4]);
    expect(out.removed.sort()).toEqual(["#年第#号", "三门峡市人民政府公报"]);
  });

  it("keep a title repeated at the top of pages, and a table's header row repeated on each page", () => {
    const speech = (n: number) => [line(n, 0, "王 艳 玲 市 长", { x0: 200, size: 18 }), ...body(n, 2, 6)];
    expect(removeFurniture([speech(1), speech(2)]).body.map((p) => p.length)).toEqual([7, 7]);
    const table = (n: number) => [0, 1, 2].map((r) => line(n, r, "", { cells: [[100, r ? `${n}${r}` : "序号"], [200, r ? "市交通运输局" : "责任单位"]] }));
    expect(removeFurniture([table(1), table(2)]).body.map((p) => p.length)).toEqual([3, 3]);
  });
});

describe("paragraphs, titles and tables from visual lines", () => {
  it("joins lines wrapped at the right margin, also across a page end, and starts a paragraph at an indent", () => {
    const pages = [
      [line(1, 0, "一".repeat(23), { x0: 124 }), line(1, 1, full), line(1, 2, "完。"), line(1, 3, "二".repeat(23), { x0: 124 }), ...body(1, 4, 5)],
      [line(2, 0, "续完。"), line(2, 1, "新".repeat(20), { x0: 124 })],
    ];
    const out = toLogicalLines(pages);
    expect(out.map((l) => [l.page, l.text.length])).toEqual([[1, 23 + 25 + 2], [1, 23 + 25 * 5 + 3], [2, 20]]);
  });

  it("joins a title's centred lines with a space, and keeps a right-aligned signature and its date apart", () => {
    const pages = [[
      line(1, 0, "芜湖市教育局", { x0: 214, size: 18 }),
      line(1, 1, "关于印发《工作要点》的通知", { x0: 133, size: 18 }),
      ...body(1, 2, 6),
      line(1, 9, "芜湖市教育局", { x0: 304 }),
      line(1, 10, "2024年3月27日", { x0: 296 }),
    ]];
    const out = toLogicalLines(pages).map((l) => l.text);
    expect(out[0]).toBe("芜湖市教育局 关于印发《工作要点》的通知");
    expect(out.slice(-2)).toEqual(["芜湖市教育局", "2024年3月27日"]);
  });

  it("reads a table's rows as TSV, a wrapped cell joined inside its row", () => {
    const rows = [
      line(1, 0, "", { cells: [[100, "序号"], [160, "项目"], [330, "责任单位"]] }),
      line(1, 1.4, "", { cells: [[100, "1"], [160, "推进公交优先发展"], [330, "市交通局"]] }),
      { ...line(1, 2.2, "战略", { x0: 160 }) },
      line(1, 3.6, "", { cells: [[100, "2"], [160, "建设充电设施"], [330, "市发展改革委"]] }),
    ];
    const out = toLogicalLines([[...body(1, -8, 6), ...rows]]).slice(1).map((l) => l.text);
    expect(out).toEqual(["序号\t项目\t责任单位", "1\t推进公交优先发展战略\t市交通局", "2\t建设充电设施\t市发展改革委"]);
  });
});

it("names pages as ranges", () => {
  expect(pageRanges([7, 8, 9, 12])).toBe("7–9, 12");
  expect(pageRanges([3])).toBe("3");
});
