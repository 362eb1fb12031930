/**
 * Characters of `needle` in order inside `hay` (how people shorten names: 交通局 in
 * 市交通运输局). Returns the number of other characters in between, or -1 when they are not all there.
 */
export function subsequenceGap(needle: string, hay: string): number {
  const n = [...needle];
  const h = [...hay];
  let i = 0;
  let first = -1;
  let last = -1;
  for (let j = 0; j < h.length && i < n.length; j++) {
    if (h[j] === n[i]) {
      if (first < 0) first = j;
      last = j;
      i++;
    }
  }
  return i === n.length ? last - first + 1 - n.length : -1;
}
