import { configureWriteGate, gatedWrite } from "@gridrisk/server/database/writeGate";
import { expect } from "chai";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A write that records when it ran, and how many writes were running at once. */
function probe(log: string[], running: { now: number; max: number }, name: string, fail = false) {
  return async () => {
    running.now += 1;
    running.max = Math.max(running.max, running.now);
    log.push(`start ${name}`);
    await pause(5);
    log.push(`end ${name}`);
    running.now -= 1;
    if (fail) throw new Error(`${name} failed`);
    return name;
  };
}

describe("the write gate (one write at a time from this process, when on)", () => {
  after(() => configureWriteGate(false));

  it("runs gated writes one at a time in the order they came, and a failed one does not block the next", async () => {
    configureWriteGate(true);
    const log: string[] = [];
    const running = { now: 0, max: 0 };
    const results = await Promise.allSettled([
      gatedWrite(probe(log, running, "a")),
      gatedWrite(probe(log, running, "b", true)),
      gatedWrite(probe(log, running, "c")),
    ]);
    expect(running.max).to.equal(1);
    expect(log).to.deep.equal(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(results.map((result) => result.status)).to.deep.equal(["fulfilled", "rejected", "fulfilled"]);
  });

  it("lets writes run side by side when off", async () => {
    configureWriteGate(false);
    const log: string[] = [];
    const running = { now: 0, max: 0 };
    await Promise.all([gatedWrite(probe(log, running, "a")), gatedWrite(probe(log, running, "b"))]);
    expect(running.max).to.equal(2);
  });
});
