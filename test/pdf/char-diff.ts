/** Character-level difference of two texts: the fewest characters inserted or deleted (Myers' O(ND) diff). */

/** Insertions + deletions turning `a` into `b`, or null when more than `max` are needed. */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number | null {
  const n = a.length;
  const m = b.length;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a.charCodeAt(x) === b.charCodeAt(y)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return null;
}

/** Difference as a share of the first text's length: (insertions + deletions) / |a|. */
export function charDifference(a: string, b: string, cap = 0.2): number {
  const d = editDistance(a, b, Math.ceil(Math.max(a.length, 1) * cap));
  return d === null ? Infinity : d / Math.max(a.length, 1);
}
