import { describe, expect, it } from "vitest";
import { parseException, parseRoles, textCondition } from "@/lib/drafting/offline-subject";

const tools = new Set(["query", "execute", "process", "refund", "order", "get", "list", "file", "read"]);

describe("who a clause is about", () => {
  it.each([
    ["Only the refund-agent role may process refunds", ["refund-agent"], undefined],
    ['Only users with role "admin" can cancel orders', ["admin"], undefined],
    ["Orders can be viewed by support-viewer and admin roles", ["support-viewer", "admin"], undefined],
    ["the billing, finance or audit roles may list orders", ["billing", "finance", "audit"], undefined],
    ["Only admins can cancel orders", ["admin"], "admins"],
    ["Interns must not process refunds", ["intern"], "Interns"],
    ["Only staff may read files", ["staff"], "staff"],
  ])("%s", (clause, roles, guessedFrom) => {
    expect(parseRoles(clause, tools)).toEqual(guessedFrom ? { roles, guessedFrom } : { roles });
  });

  it.each(["Queries are allowed", "Refunds may be processed", "Orders can be listed", "Agents may read files", "Everyone can list orders", "Nobody may cancel orders", "Files are read-only"])(
    "finds no role in “%s”",
    (clause) => expect(parseRoles(clause, tools)).toEqual({ roles: [] }),
  );
});

describe("exceptions and text conditions", () => {
  it("reads “nobody except …” as a permit for those, and “everything except …” as all but those", () => {
    expect(parseException("Nobody except the refund-agent role may process refunds")).toEqual({ kind: "only-these", who: "the refund-agent role", rest: "process refunds" });
    expect(parseException("No one but admins can cancel orders")).toEqual({ kind: "only-these", who: "admins", rest: "cancel orders" });
    expect(parseException("Allow everything except cancelling orders")).toEqual({ kind: "all-but", lead: "Allow everything", excepted: "cancelling orders" });
    expect(parseException("Every tool other than delete_file is allowed")).toEqual({ kind: "all-but", lead: "Every tool", excepted: "delete_file is allowed" });
    expect(parseException("Orders may be viewed")).toBeNull();
  });

  it("notices conditions on text arguments it cannot write", () => {
    expect(textCondition("Files under /etc must never be written")).toBe("/etc");
    expect(textCondition("No emails to external domains")).toBe("external");
    expect(textCondition("Only send mail to someone@example.com")).toBe("@example.");
    expect(textCondition("Only the refund-agent role may process refunds under $1000")).toBeNull();
  });
});
