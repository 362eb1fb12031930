import { describe, expect, it } from "vitest";
import type { Route } from "./route.ts";
import { parseRoute, routeUrl } from "./route.ts";

const parse = (url: string) => {
  const u = new URL(url, "http://x");
  return parseRoute(u.pathname, u.search);
};

describe("routes", () => {
  it.each<[Route, string]>([
    [{ view: "chat" }, "/"],
    [{ view: "chat", q: "返乡创业有什么补贴？" }, "/?q=%E8%BF%94%E4%B9%A1%E5%88%9B%E4%B8%9A%E6%9C%89%E4%BB%80%E4%B9%88%E8%A1%A5%E8%B4%B4%EF%BC%9F"],
    [{ view: "browse" }, "/browse"],
    [{ view: "units", unit: "市交通运输局" }, "/units?unit=%E5%B8%82%E4%BA%A4%E9%80%9A%E8%BF%90%E8%BE%93%E5%B1%80"],
  ])("%o ⇄ %s", (route, url) => {
    expect(routeUrl(route)).toBe(url);
    expect(parse(url)).toEqual(route);
  });

  it("a document's address opens the reader, with the passage to scroll to, over whatever view is shown", () => {
    const url = routeUrl({ view: "browse", doc: "2021-3-9", passage: "p-12" });
    expect(url).toBe("/doc/2021-3-9?p=p-12");
    expect(parse(url)).toEqual({ view: null, doc: "2021-3-9", passage: "p-12" });
  });
});
