/**
 * Each view has an address, so Back/Forward move between views and a link opens the same view in
 * a fresh browser: `/` (问答; `/?q=…` asks that question), `/browse`, `/units?unit=市交通运输局`,
 * `/doc/ID?p=PASSAGE` (the reader, over the view it was opened from).
 */
import type { View } from "../layout/AppHeader.tsx";

export interface Route {
  view: View;
  unit?: string;
  doc?: string;
  passage?: string;
  q?: string;
}

const VIEW_PATHS: Record<View, string> = { chat: "/", browse: "/browse", units: "/units" };

/** The route of an address; a document's address does not say which view lies under the reader (null). */
export function parseRoute(pathname: string, search: string): Omit<Route, "view"> & { view: View | null } {
  const params = new URLSearchParams(search);
  const doc = /^\/doc\/([^/]+)\/?$/.exec(pathname);
  if (doc) {
    const passage = params.get("p");
    return { view: null, doc: decodeURIComponent(doc[1]!), ...(passage ? { passage } : {}) };
  }
  if (pathname.startsWith("/browse")) return { view: "browse" };
  if (pathname.startsWith("/units")) {
    const unit = params.get("unit");
    return { view: "units", ...(unit ? { unit } : {}) };
  }
  const q = params.get("q")?.trim();
  return { view: "chat", ...(q ? { q } : {}) };
}

export function routeUrl(route: Route): string {
  if (route.doc) return `/doc/${encodeURIComponent(route.doc)}${route.passage ? `?${new URLSearchParams({ p: route.passage })}` : ""}`;
  if (route.view === "units" && route.unit) return `/units?${new URLSearchParams({ unit: route.unit })}`;
  if (route.view === "chat" && route.q) return `/?${new URLSearchParams({ q: route.q })}`;
  return VIEW_PATHS[route.view];
}
