import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { describe, expect, it } from "vitest";
import type { CompiledPolicy } from "@/lib/cedar/authorize";
import type { CedarRequest } from "@/lib/cedar/request-from-call";
import { viewKey, viewOf } from "@/lib/cedar/request-view";

const json = (text: string) => {
  const r = cedar.policyToJson(text);
  if (r.type !== "success") throw new Error(r.errors[0].message);
  return r.json as CompiledPolicy["json"];
};
const view = (...texts: string[]) => viewOf(texts.map(json));
const request = (sub: string, tags: Record<string, string>, context: Record<string, unknown> = { input: { amount: 5 } }, action = "T___a"): CedarRequest => ({
  principal: { type: "AgentCore::OAuthUser", id: sub },
  action: { type: "AgentCore::Action", id: action },
  resource: { type: "AgentCore::Gateway", id: "arn:gw" },
  context: context as CedarRequest["context"],
  entities: [{ uid: { type: "AgentCore::OAuthUser", id: sub }, attrs: { id: sub }, parents: [], tags }],
});

describe("what of a request a group of policies can see", () => {
  it("sees only the tags it reads through hasTag/getTag", () => {
    expect(view('permit(principal, action, resource) when { principal.hasTag("role") && principal.getTag("role") == "admin" };', 'forbid(principal, action, resource) when { principal.hasTag("dept") };')).toEqual({ tags: ["dept", "role"], action: false, context: false });
  });

  it("sees the whole principal when it names one, reads an attribute or tests its type", () => {
    expect(view('permit(principal == AgentCore::OAuthUser::"a", action, resource);').tags).toBeNull();
    expect(view("permit(principal, action, resource) when { principal.id == \"a\" };").tags).toBeNull();
    expect(view("permit(principal, action, resource) when { principal is AgentCore::OAuthUser };").tags).toBeNull();
    expect(view('permit(principal, action, resource) when { principal.getTag(context.input.k) == "x" };').tags).toBeNull();
  });

  it("sees the action when its scope or a condition names it, and the context when a condition reads it", () => {
    expect(view('permit(principal, action == AgentCore::Action::"T___a", resource);')).toMatchObject({ action: true, context: false });
    expect(view('permit(principal, action, resource) when { action in AgentCore::Action::"Mcp" };')).toMatchObject({ action: true });
    expect(view("permit(principal, action, resource) when { context.input.amount < 10 };")).toMatchObject({ action: false, context: true });
  });

  it("gives requests it cannot tell apart one key, and the rest different keys", () => {
    const tagsOnly = view('permit(principal, action, resource) when { principal.getTag("role") == "a" };');
    expect(viewKey(tagsOnly, request("x", { role: "a", dept: "1" }))).toBe(viewKey(tagsOnly, request("y", { role: "a", dept: "2" }, { input: { amount: 9 } }, "T___b")));
    expect(viewKey(tagsOnly, request("x", { role: "a" }))).not.toBe(viewKey(tagsOnly, request("x", { role: "b" })));
    expect(viewKey(tagsOnly, request("x", { role: "a" }))).not.toBe(viewKey(tagsOnly, request("x", {})));

    const whole = view('permit(principal == AgentCore::OAuthUser::"x", action, resource) when { context.input.amount < 10 };');
    expect(viewKey(whole, request("x", { role: "a" }))).not.toBe(viewKey(whole, request("y", { role: "a" })));
    expect(viewKey(whole, request("x", {}, { input: { amount: 5 } }))).not.toBe(viewKey(whole, request("x", {}, { input: { amount: 50 } })));
  });
});
