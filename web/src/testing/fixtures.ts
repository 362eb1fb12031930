/** Test data and a fake API for component tests: citations, SSE bodies and a routed fetch stub. */
import type { CitationOut, IssueListing } from "../../../core/api-schema.ts";

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
    },
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

/** A fetch stub answering the listing routes itself and `POST /api/chat` with the given handlers, in turn. */
export function fakeApi(chat: Handler[], routes: Record<string, Handler> = {}) {
  const chatBodies: unknown[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
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
    return jsonResponse({ error: { code: "not_found", message: url } }, 404);
  };
  return { fetch, chatBodies };
}
