/** Test data and a fake API for component tests: citations, SSE bodies and a routed fetch stub. */
import type { CitationOut, IssueListing } from "../../../core/api-schema.ts";
import type { Task, UnitSummary } from "../units/types.ts";

export const QUOTE = "积极争创国家公交都市建设示范城市，争取2025年达到国家公交都市创建标准。";

export function citation(n: number, overrides: Partial<CitationOut> = {}): CitationOut {
  return {
    n,
    passageId: `p${n}`,
    quote: QUOTE,
    document: {
      id: "2024-2-gongjiao",
      title: "三门峡市人民政府办公室关于印发城市公共交通高质量发展实施方案的通知",
      docNumber: "三政办〔2024〕3号",
      category: "市政府办公室文件",
      issued: "2024-02-08",
    },
    issue: { id: "2024-2", year: 2024, number: 2, total: 215, label: "2024年第2号（总第215号）" },
    passage: {
      id: `p${n}`,
      heading: "三、重点工作 > （一）深入实施公交优先发展战略",
      text: `3. 强化示范引领。加大对公交基础设施建设的支持力度，${QUOTE}（责任单位：市交通运输局牵头）`,
      ordinal: n,
      page: null,
    },
    page: null,
    ...overrides,
  };
}

export const ISSUES: IssueListing[] = [
  {
    id: "2024-2", year: 2024, number: 2, total: 215, published: "2024-03-10", label: "2024年第2号（总第215号）", source: "x",
    documents: [{ id: "2024-2-gongjiao", title: citation(1).document.title, docNumber: "三政办〔2024〕3号", category: "市政府办公室文件", issued: "2024-02-08" }],
  },
];

/** Encodes SSE events and cuts the bytes every `size` bytes, splitting events, lines and UTF-8 characters. */
export function sseBody(events: [string, unknown][], size = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(events.map(([e, d]) => `event: ${e}\ndata: ${JSON.stringify(d)}\n\n`).join(""));
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

export function sseResponse(events: [string, unknown][]): Response {
  return new Response(sseBody(events), { headers: { "Content-Type": "text/event-stream" } });
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

type Handler = (url: string, init?: RequestInit) => Response | Promise<Response>;

/** A fetch stub answering the listing routes itself and `POST /api/chat` with the given handlers, in turn; it records every URL asked. */
export function fakeApi(chat: Handler[], routes: Record<string, Handler> = {}) {
  const chatBodies: unknown[] = [];
  const requests: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    requests.push(url);
    if (url === "/api/chat") {
      chatBodies.push(JSON.parse(String(init?.body)));
      const next = chat.shift();
      if (!next) throw new Error("unexpected chat request");
      return next(url, init);
    }
    const route = Object.keys(routes).find((r) => url.startsWith(r));
    if (route) return routes[route]!(url, init);
    if (url === "/api/issues") return jsonResponse({ issues: ISSUES });
    if (url === "/api/health") return jsonResponse({ status: "ok", passages: 10, documents: 3, issues: 1, embedder: "x", answerer: "llm", runId: null });
    if (url === "/api/units") return jsonResponse({ units: UNITS });
    if (url.startsWith("/api/responsibilities?")) {
      const unit = new URL(url, "http://x").searchParams.get("unit") ?? "";
      const tasks = unit === "市交通运输局" ? TASKS : [];
      return jsonResponse({ tasks, total: tasks.length, unit: { query: unit, matched: tasks.length ? [unit] : [], how: "exact" } });
    }
    return jsonResponse({ error: { code: "not_found", message: url } }, 404);
  };
  return { fetch, chatBodies, requests };
}

/** Units as GET /api/units lists them. */
export const UNITS: UnitSummary[] = [
  { name: "各县〔市、区〕政府", aliases: [], tasks: 127, roles: { lead: 1, cooperate: 96, responsible: 30 }, years: [2024, 2021, 2020, 2019] },
  { name: "市发展改革委", aliases: ["市发展和改革委员会", "发改委", "发展改革委"], tasks: 120, years: [2024, 2021, 2020, 2019] },
  { name: "市交通运输局", aliases: ["交通局", "交通运输局", "市交通局"], tasks: 3, years: [2024, 2019] },
  { name: "市教育局", aliases: ["教育局", "教委"], tasks: 23, years: [2024, 2020] },
];

const GONGJIAO = {
  id: "2024-2-gongjiao",
  title: "三门峡市人民政府办公室关于印发城市公共交通高质量发展实施方案的通知",
  docNumber: "三政办〔2024〕3号",
};
const ISSUE_2024 = { year: 2024, number: 2, total: 215, label: "2024年第2号（总第215号）" };

/** Tasks as GET /api/responsibilities?unit=市交通运输局 returns them: two documents, two years. */
export const TASKS: Task[] = [
  {
    id: "t1", title: "强化示范引领", seq: "3",
    units: [{ name: "市交通运输局", role: "lead" }, { name: "市政府有关部门", role: "responsible" }],
    leaders: [], deadline: null, passageId: "p1", quote: `3.强化示范引领。${QUOTE}（责任单位：市交通运输局牵头，市政府有关部门按照职责分工落实）`,
    document: GONGJIAO, issue: ISSUE_2024, evidence: [], conflicts: [],
  },
  {
    id: "t2", title: "完善政策制度", seq: "2",
    units: [{ name: "市交通运输局", role: "responsible" }, { name: "市发展改革委", role: "responsible" }],
    leaders: [], deadline: null, passageId: "p2", quote: "2.完善政策制度。制定财政补贴补偿办法。（责任单位：市交通运输局、发展改革委）",
    document: GONGJIAO, issue: ISSUE_2024,
  },
  {
    id: "t3", title: "推进“四好农村路”建设",
    units: [{ name: "市交通运输局", role: "cooperate" }, { name: "市财政局", role: "lead" }],
    leaders: ["张三"], deadline: "2019年底前", passageId: "p9", quote: "推进“四好农村路”建设。（市财政局牵头，市交通局配合）",
    document: { id: "2019-6-road", title: "三门峡市推进“四好农村路”建设实施方案", docNumber: null },
    issue: { year: 2019, number: 6, total: 161, label: "2019年第6号（总第161号）" },
    conflicts: [{ label: "分工台账第3项", kind: "narrower", note: "台账只列了正文所列单位中的一部分。", taskId: "t9" }],
  },
];
