import { describe, expect, it } from "vitest";
import { idOfLine } from "../../src/server/line-id.js";

describe("idOfLine: the id of a request too large to parse, from the start of its line", () => {
  it.each([
    ['{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"x":"', 7],
    ['{ "id" : "abc-1", "method":"tools/call","params":{', "abc-1"],
    ['{"method":"tools/call","params":{"arguments":{"id":5,"pad":"xx', null],
    ['{"method":"tools/call","params":{"a":"\\"id\\":3"}, "id": -2.5, "x":"', -2.5],
    ['{"jsonrpc":"2.0","method":"x","params":{"pad":"yyyy', null],
    ['{"id":{"nested":1},"method":"x"', null],
    ['{"id":12', null],
  ])("%s → %s", (head, id) => {
    expect(idOfLine(head)).toBe(id);
  });
});
