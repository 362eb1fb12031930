import { describe, expect, it } from "vitest";
import { estimatePromptTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS, truncateToTokens } from "./tokens.ts";

describe("token estimates", () => {
  it("counts a Han character or full-width mark as one token and four Latin characters as one", () => {
    expect(estimateTokens("返乡创业")).toBe(4);
    expect(estimateTokens("，。")).toBe(2);
    expect(estimateTokens("abcdefgh")).toBe(2);
    expect(estimateTokens("补贴 2020")).toBe(4); // 2 + 5/4 rounded up
    expect(estimateTokens("")).toBe(0);
  });

  it("adds each message's overhead to a prompt", () => {
    expect(estimatePromptTokens(["你好", "谢谢"])).toBe(4 + 2 * MESSAGE_OVERHEAD_TOKENS);
  });

  it("leaves text within the budget as it is", () => {
    expect(truncateToTokens("返乡创业[1]", 10)).toEqual({ text: "返乡创业[1]", truncated: false });
  });

  it("cuts text to the budget without splitting a citation marker", () => {
    // "[123" alone would fit in 5 tokens (4 + 1); the whole marker (4 + 1.25) does not.
    const cut = truncateToTokens("返乡创业[123]示范县", 5);
    expect(cut).toEqual({ text: "返乡创业", truncated: true });
    expect(truncateToTokens("返乡创业[123]示范县", 6)).toEqual({ text: "返乡创业[123]", truncated: true });
  });
});
