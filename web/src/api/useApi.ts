import { useCallback, useEffect, useState } from "react";
import { RequestError, getJson } from "./client.ts";

export interface ApiState<T> {
  data: T | undefined;
  error: RequestError | undefined;
  loading: boolean;
  reload(): void;
}

/** GETs a JSON route when `path` is set (or changes); aborts the request when it is no longer wanted. */
export function useApi<T>(path: string | null): ApiState<T> {
  const [state, setState] = useState<{ data?: T; error?: RequestError; loading: boolean }>({ loading: path !== null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState({ loading: true });
    getJson<T>(path, controller.signal).then(
      (data) => setState({ data, loading: false }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const error = err instanceof RequestError ? err : new RequestError("interrupted", String(err));
        setState({ error, loading: false });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
