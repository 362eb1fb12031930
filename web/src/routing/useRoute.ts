/** The route kept in step with the browser's address and history (Back/Forward). */
import { useCallback, useEffect, useState } from "react";
import type { Route } from "./route.ts";
import { parseRoute, routeUrl } from "./route.ts";

/** Marks history entries the app pushed, so closing the reader can step Back instead of piling up entries. */
const PUSHED = { gongbao: true };

function fromLocation(previous: Route | null): Route {
  const parsed = parseRoute(location.pathname, location.search);
  // A document's address keeps the view under the reader that was shown (问答 in a fresh browser).
  return { ...parsed, view: parsed.view ?? previous?.view ?? "chat" };
}

export function useRoute() {
  const [route, setRoute] = useState<Route>(() => fromLocation(null));

  useEffect(() => {
    const onPop = () => setRoute((prev) => fromLocation(prev));
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);

  /** Go to a route: a new history entry, or the current one replaced (a question asked, a reset). */
  const navigate = useCallback((next: Route, replace = false) => {
    const url = routeUrl(next);
    if (url !== location.pathname + location.search) {
      if (replace) history.replaceState(history.state, "", url);
      else history.pushState(PUSHED, "", url);
    }
    setRoute(next);
  }, []);

  /** Leave the current entry: Back when the app pushed it, else replace it by `fallback`. */
  const leave = useCallback((fallback: Route) => {
    if ((history.state as typeof PUSHED | null)?.gongbao) history.back();
    else navigate(fallback, true);
  }, [navigate]);

  return { route, navigate, leave };
}
