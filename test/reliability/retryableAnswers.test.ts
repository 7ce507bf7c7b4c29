import { isRetryableAnswer } from "@gridrisk/shared";
import { expect } from "chai";

/** The offline report queue retries exactly these answers with the report's own key. */
describe("which answers a client retries with the same Idempotency-Key", () => {
  const cases: [number, string | undefined, boolean][] = [
    [401, "unauthenticated", true],
    [408, undefined, true],
    [429, "rate_limited", true],
    [500, "internal_error", true],
    [503, "service_unavailable", true],
    // A first attempt still running, or dead and waiting to be taken over: the report is not lost.
    [409, "request_in_progress", true],
    [409, "version_conflict", false],
    [400, "validation_failed", false],
    [403, "forbidden", false],
    [422, "idempotency_key_reused", false],
    [422, "no_grid_at_location", false],
  ];
  for (const [status, code, retry] of cases) {
    it(`${status} ${code ?? ""}: ${retry ? "retry" : "final"}`, () => {
      expect(isRetryableAnswer(status, code)).to.equal(retry);
    });
  }
});
