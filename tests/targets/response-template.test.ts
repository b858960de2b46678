import { describe, expect, it } from "vitest";
import { assertResponseTemplate, checkResponseTemplate, renderResponseTemplate } from "@/lib/targets/response-template";

const call = { target: "RefundTarget", tool: "process_refund", arguments: { amount: 500, customer: { id: "c-1", tier: "gold" }, items: [{ sku: "SKU-1" }] } };

describe("response templates for tools without an implementation", () => {
  it("echoes the call by default, and says the answer comes from a template", () => {
    const r = renderResponseTemplate(undefined, call);
    expect(r.isError).toBe(false);
    expect(JSON.parse(r.text)).toEqual({
      status: "success",
      tool: "RefundTarget___process_refund",
      arguments: call.arguments,
      note: "Answered by the local gateway's response template: this target has no implementation here. Set the tool's response template to change this answer.",
    });
  });

  it("keeps a value's type when a string is only a placeholder", () => {
    const r = renderResponseTemplate({ echo: "{{arguments}}", amount: "{{arguments.amount}}", sku: "{{ arguments.items.0.sku }}", missing: "{{arguments.nope}}" }, call);
    expect(JSON.parse(r.text)).toEqual({ echo: call.arguments, amount: 500, sku: "SKU-1", missing: null });
  });

  it("writes values into longer text, and a string template is the text itself", () => {
    expect(renderResponseTemplate("Refund of ${{arguments.amount}} for {{arguments.customer}} ({{tool}}){{arguments.none}}", call).text).toBe(
      'Refund of $500 for {"id":"c-1","tier":"gold"} (process_refund)',
    );
  });

  it("reads only the call's own data", () => {
    const r = renderResponseTemplate({ a: "{{arguments.constructor}}", b: "{{arguments.__proto__}}", c: "{{arguments.amount.toString}}" }, call);
    expect(JSON.parse(r.text)).toEqual({ a: null, b: null, c: null });
  });

  it("refuses placeholders that name nothing, oversized and too deep templates", () => {
    expect(checkResponseTemplate({ a: "{{args.amount}}" })[0].message).toBe("{{args.amount}} names nothing: placeholders start with arguments, tool, name or target.");
    expect(checkResponseTemplate("x".repeat(70 * 1024))[0].message).toBe("The response template is 70 KB; at most 64 KB.");
    let deep: unknown = "{{tool}}";
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(checkResponseTemplate(deep)[0].message).toBe("The template is nested more than 32 levels deep.");
    expect(() => assertResponseTemplate({ a: "{{nope}}" })).toThrow(expect.objectContaining({ code: "response-template-invalid", status: 400 }));
  });

  it("stops a template that expands past 1 MB and answers with an error result instead", () => {
    const big = { ...call, arguments: { blob: "x".repeat(200_000) } };
    const r = renderResponseTemplate(Array.from({ length: 10 }, () => "{{arguments.blob}}"), big);
    expect(r).toEqual({ isError: true, text: "The response template of RefundTarget___process_refund renders to more than 1 MB." });
  });

  it("leaves text that is not a placeholder alone", () => {
    expect(renderResponseTemplate("{{ not a path }} and {single} and {{}}", call).text).toBe("{{ not a path }} and {single} and {{}}");
  });
});
