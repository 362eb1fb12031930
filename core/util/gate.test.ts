import { describe, expect, it } from "vitest";
import { Gate } from "./gate.ts";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("Gate", () => {
  it("runs at most `limit` tasks at once, the rest in arrival order", async () => {
    const gate = new Gate(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number) => gate.run(async () => {
      started.push(i);
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
      return i;
    });
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map(task))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("frees the slot of a task that throws", async () => {
    const gate = new Gate(1);
    await expect(gate.run(async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await gate.run(async () => "next")).toBe("next");
  });

  it("does not limit when the limit is 0", async () => {
    const gate = new Gate(0);
    let running = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 10 }, () => gate.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
    })));
    expect(peak).toBe(10);
  });

  it("gives a slot at once or not at all, and a released slot goes to the next waiting task", async () => {
    const gate = new Gate(1);
    const release = gate.tryEnter();
    expect(release).not.toBeNull();
    expect(gate.tryEnter()).toBeNull();
    let ran = false;
    const waiting = gate.run(async () => { ran = true; });
    await tick();
    expect(ran).toBe(false);
    release!();
    release!(); // a second call frees nothing more
    await waiting;
    expect(ran).toBe(true);
    const again = gate.tryEnter();
    expect(again).not.toBeNull();
    expect(gate.tryEnter()).toBeNull();
  });
});
