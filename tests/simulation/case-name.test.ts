import { describe, expect, it } from "vitest";
import { CASE_NAME_MAX, callOf, compactArguments, defaultCaseName, NAME_ARGS_MAX, numberedName, uniqueNames } from "@/lib/simulation/case-name";

describe("defaultCaseName: a case named by its tool, arguments and caller", () => {
  it("says the bare tool, the compact arguments and who calls", () => {
    expect(defaultCaseName({ tool: "RefundTarget___refund_order", arguments: { amount: 500 }, who: "refund-agent" })).toBe('refund_order {"amount":500} as refund-agent');
    expect(defaultCaseName({ tool: "get_order", arguments: undefined, who: "viewer" })).toBe("get_order {} as viewer");
  });

  it("tells two calls of one tool apart by their arguments", () => {
    const a = defaultCaseName({ tool: "T___refund", arguments: { amount: 500 }, who: "p" });
    const b = defaultCaseName({ tool: "T___refund", arguments: { amount: 2000 }, who: "p" });
    expect(a).not.toBe(b);
  });

  it("cuts long arguments with an ellipsis and keeps the caller; the whole stays within the limit", () => {
    const name = defaultCaseName({ tool: "T___note", arguments: { text: "x".repeat(500) }, who: "support-viewer" });
    expect(name).toMatch(/^note \{"text":"x+… as support-viewer$/);
    expect(name.length).toBe("note ".length + NAME_ARGS_MAX + " as support-viewer".length);
    const longWho = defaultCaseName({ tool: "T___note", arguments: {}, who: "w".repeat(400) });
    expect(longWho).toHaveLength(CASE_NAME_MAX);
    expect(longWho.endsWith("…")).toBe(true);
  });
});

describe("callOf / compactArguments: the call a saved body holds", () => {
  it("reads an object or its JSON text, and nothing from text that is not a call", () => {
    const body = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "T___a", arguments: { b: [1, 2] } } };
    expect(callOf(body)).toEqual({ tool: "T___a", arguments: { b: [1, 2] } });
    expect(callOf(JSON.stringify(body, null, 2))).toEqual({ tool: "T___a", arguments: { b: [1, 2] } });
    expect(callOf("{oops")).toEqual({});
    expect(callOf({ method: "tools/list" })).toEqual({});
    expect(compactArguments(callOf(JSON.stringify(body, null, 2)).arguments)).toBe('{"b":[1,2]}');
    expect(compactArguments(undefined)).toBe("{}");
  });
});

describe("numberedName / uniqueNames: one name per case in a suite", () => {
  it("keeps a free name and numbers a taken one from 2, skipping taken numbers", () => {
    expect(numberedName("a", [])).toBe("a");
    expect(numberedName("a", ["a"])).toBe("a (2)");
    expect(numberedName("a", ["a", "a (2)", "a (3)"])).toBe("a (4)");
    expect(numberedName("a (2)", ["a (2)"])).toBe("a (2) (2)");
  });

  it("stays within the length limit by shortening the name before the number", () => {
    const long = "n".repeat(CASE_NAME_MAX);
    const numbered = numberedName(long, [long]);
    expect(numbered).toHaveLength(CASE_NAME_MAX);
    expect(numbered.endsWith("… (2)")).toBe(true);
  });

  it("makes a list unique in order, the first of a name keeping it", () => {
    expect(uniqueNames(["a", "b", "a", "a", "a (2)"])).toEqual(["a", "b", "a (2)", "a (3)", "a (2) (2)"]);
  });
});
