import { describe, expect, it } from "vitest";
import { Lru } from "./lru.ts";

describe("Lru", () => {
  it("forgets the least recently used entry beyond its capacity", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1); // a is now the most recent
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
    expect(lru.size).toBe(2);
  });

  it("replaces a value without growing", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1);
    lru.set("a", 2);
    expect(lru.get("a")).toBe(2);
    expect(lru.size).toBe(1);
  });

  it("holds nothing with capacity 0", () => {
    const lru = new Lru<string, number>(0);
    lru.set("a", 1);
    expect(lru.get("a")).toBeUndefined();
  });
});
