import { describe, expect, it } from "vitest";
import { and, eq, ite, not, or, parseSExprs, quoteString, readValue } from "@/lib/analysis/smt";
import { findWitness, globMatches, globText, type Glob } from "@/lib/analysis/strings";

const glob = (s: string): Glob => {
  const out: Array<string | null> = [];
  for (let i = 0; i < s.length; i++) out.push(s[i] === "\\" ? s[++i] : s[i] === "*" ? null : s[i]);
  return out;
};
const spec = (must: string[], mustNot: string[] = [], extra: Partial<Parameters<typeof findWitness>[0]> = {}) => ({ must: must.map(glob), mustNot: mustNot.map(glob), notIn: new Set<string>(), minLength: 0, maxLength: Infinity, ...extra });

describe("like patterns as automata", () => {
  it("match as Cedar's like does: * is any run of characters, \\* a literal star", () => {
    expect(globMatches(glob("ord-*"), "ord-")).toBe(true);
    expect(globMatches(glob("ord-*"), "ord")).toBe(false);
    expect(globMatches(glob("*@corp.com"), "a@corp.com")).toBe(true);
    expect(globMatches(glob("a*b*c"), "abc")).toBe(true);
    expect(globMatches(glob("a*b*c"), "acb")).toBe(false);
    expect(globMatches(glob("a\\*"), "a*")).toBe(true);
    expect(globMatches(glob("a\\*"), "ab")).toBe(false);
    expect(globText(glob("a\\**"))).toBe("a\\**");
    expect(globMatches(glob("é*"), "été")).toBe(true);
  });

  it("find the shortest string meeting must / must-not patterns, or prove there is none", () => {
    expect(findWitness(spec(["ord-*"], ["ord-1*"])).value).toBe("ord-");
    expect(findWitness(spec(["ord-*"], ["ord-1*"], { minLength: 5 })).value).toMatch(/^ord-[^1]/);
    expect(findWitness(spec(["a*", "*b"])).value).toBe("ab");
    expect(findWitness(spec(["*admin*"], [], { notIn: new Set(["admin"]) })).value).toMatch(/admin/);
    const none = findWitness(spec(["a*", "b*"]));
    expect(none).toEqual({ value: null, exhaustive: true });
    expect(findWitness(spec(["a*"], ["*"]))).toEqual({ value: null, exhaustive: true });
    expect(findWitness(spec(["abc*"], [], { maxLength: 2 }))).toEqual({ value: null, exhaustive: true });
  });

  it("treat a JSON Schema pattern as a filter on candidates: a miss is not a proof", () => {
    expect(findWitness(spec([], [], { accept: (s) => /^\d{3}$/.test(s) })).value).toMatch(/^\d{3}$/);
    expect(findWitness(spec(["x*"], [], { accept: (s) => /^\d+$/.test(s) }))).toEqual({ value: null, exhaustive: false });
  });

  it("try readable candidates first", () => {
    expect(findWitness(spec([], [], { minLength: 1, prefer: ["agent-1"] })).value).toBe("agent-1");
    expect(findWitness(spec(["ord-*"], [], { prefer: ["agent-1"] })).value).toBe("ord-");
  });
});

describe("SMT-LIB terms", () => {
  it("fold constants so that formulas stay small", () => {
    expect(and("true", "a", "a")).toBe("a");
    expect(and("a", "false")).toBe("false");
    expect(or()).toBe("false");
    expect(not(not("x"))).toBe("x");
    expect(eq("1", "(- 1)")).toBe("false");
    expect(eq("x", "x")).toBe("true");
    expect(ite("true", "a", "b")).toBe("a");
    expect(ite("c", "true", "false")).toBe("c");
  });

  it("read the solver's answers, strings included", () => {
    const [status, values] = parseSExprs('sat\n((x (- 5)) (y true) ((like0 s1) false) (z "a""b"))');
    expect(status).toBe("sat");
    const pairs = values as Array<[unknown, unknown]>;
    expect(readValue(pairs[0][1] as never)).toBe(-5n);
    expect(readValue(pairs[1][1] as never)).toBe(true);
    expect(pairs[2][0]).toEqual(["like0", "s1"]);
    expect(pairs[3][1]).toBe('"a"b');
    expect(quoteString('a"\\é')).toBe('"a""\\u{5c}\\u{e9}"');
  });
});
