import { describe, expect, it } from "vitest";
import { readConditions } from "@/lib/drafting/offline-conditions";
import { readSubject } from "@/lib/drafting/offline-subject";
import { distance, normalize } from "@/lib/drafting/offline-text";

const toolWords = new Set(["cancel_order", "message", "query", "execute", "process", "refund", "order", "get", "list", "file", "read", "move", "reaction", "merge", "pull", "request"]);
const vocabulary = new Set(["refund", "refunds", "process", "agents", "viewed", "views", "everyone", "cancel", "listing"]);

describe("the canonical text", () => {
  it("spells out contractions, numbers and symbols, and corrects words one edit from a known one", () => {
    expect(normalize("Don't let interns refund more than a thousand dollars", vocabulary).text).toBe("do not let interns refund more than $1000");
    expect(normalize("refunds <= 1.5k; can't exceed $2,500", vocabulary).text).toBe("refunds at most 1500; can not exceed $2500");
    expect(normalize("Only five hundred", vocabulary).text).toBe("only 500");
    const typos = normalize("refund agnets may proces refnuds; orders can be viewd by evryone", vocabulary);
    expect(typos.text).toBe("refund agents may process refunds; orders can be viewed by everyone");
    expect(typos.corrections).toContainEqual({ from: "viewd", to: "viewed" });
    expect(normalize('Post only in channel C123 or "Ops Room"', vocabulary).text).toBe('post only in channel "C123" or "Ops Room"');
    expect(distance("cancle", "cancel")).toBe(1);
  });
});

describe("who a clause is about", () => {
  it.each([
    ["only the refund-agent role may process refunds", ["refund-agent"]],
    ['only users with role "admin" can cancel orders', ["admin"]],
    ["orders can be viewed by support-viewer and admin roles", ["support-viewer", "admin"]],
    ["the billing, finance or audit roles may list orders", ["billing", "finance", "audit"]],
    ["let admins do everything", ["admin"]],
    ["block order creation for interns", ["intern"]],
    ["refund agents can process refunds", ["refund-agent"]],
    ["let people in finance process refunds", ["finance"]],
    ["sales people can create orders", ["sales"]],
    ["allow listing channels for the support team", ["support"]],
    ["allow cancel_order for admins and refund-agents", ["admin", "refund-agent"]],
  ])("%s", (clause, roles) => {
    expect(readSubject(clause, { toolWords }).subject.roles).toEqual(roles);
  });

  it.each(["queries are allowed", "refunds may be processed", "agents may read files", "everyone can list orders", "do not allow moving files", "react to messages", "merging is allowed"])("finds no role in “%s”", (clause) => {
    expect(readSubject(clause, { toolWords }).subject.roles).toEqual([]);
  });

  it("reads exceptions and “nobody except”", () => {
    expect(readSubject("everyone except interns may process refunds", { toolWords }).subject).toMatchObject({ everyone: true, except: ["intern"] });
    expect(readSubject("nobody except admins can cancel orders", { toolWords }).subject).toMatchObject({ onlyThese: true, roles: ["admin"] });
    expect(readSubject("nobody may cancel orders", { toolWords }).subject).toMatchObject({ nobody: true, roles: [] });
  });
});

describe("conditions on arguments", () => {
  const limits = (clause: string, previous: number | null = null) => readConditions(clause, previous).conditions;
  it("reads limits however they are written, and “below that” as the number before", () => {
    expect(limits("refunds under $1000").limits).toEqual([{ op: "<", value: 1000, money: true }]);
    expect(limits("refunds of no more than $2000").limits).toEqual([{ op: "<=", value: 2000, money: true }]);
    expect(limits("between 100 and 5000").limits.map((l) => l.op + l.value)).toEqual([">=100", "<=5000"]);
    expect(limits("refunds of $20 or more").limits).toEqual([{ op: ">=", value: 20, money: true }]);
    expect(limits("anything below that", 750).limits).toEqual([{ op: "<", value: 750, money: false }]);
    expect(limits("allowed unless the amount is over 500").negatedLimits).toEqual([{ op: ">", value: 500, money: false }]);
    expect(limits("for admins without limit").noLimit).toBe(true);
  });

  it("reads path prefixes and says what Cedar cannot check", () => {
    expect(limits("write files under /tmp").paths).toEqual([{ prefix: "/tmp", negated: false }]);
    expect(limits("write files, except in /etc").paths).toEqual([{ prefix: "/etc", negated: true }]);
    expect(limits("refunds only during business hours").unexpressible[0].what).toBe("a time or a day");
    expect(limits("at most 5 refunds per day").unexpressible[0].what).toBe("a rate or a count of calls");
    expect(limits("see their own orders").unexpressible[0].what).toBe("who owns something");
    expect(limits("at most 50 results per page").unexpressible).toEqual([]);
  });
});
