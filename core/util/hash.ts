import { createHash } from "node:crypto";

/** Short stable hex digest for ids. */
export function shortHash(s: string, length = 10): string {
  return createHash("sha1").update(s).digest("hex").slice(0, length);
}
