import { describe, expect, it } from "vitest";
import { checkMcpServerConfig, displayUrl, maskHeaders } from "@/lib/targets/mcp-server-config";

describe("an MCP server target's URL and static headers", () => {
  it("accepts an http(s) URL with headers", () => {
    expect(checkMcpServerConfig({ url: "https://tools.example.com/mcp", headers: { Authorization: "Bearer abc", "X-Team": "ops" } })).toEqual([]);
  });

  it("refuses credentials in the URL, pointing at headers instead", () => {
    expect(checkMcpServerConfig({ url: "http://user:pw@127.0.0.1/mcp" })[0]).toMatchObject({ field: "url", help: expect.stringContaining("Authorization") });
  });

  it("refuses headers the transport sets itself", () => {
    expect(checkMcpServerConfig({ url: "http://127.0.0.1/mcp", headers: { "Mcp-Session-Id": "x", Accept: "y" } }).map((p) => p.message)).toEqual([
      "Mcp-Session-Id is set by the MCP transport itself and cannot be a static header.",
      "Accept is set by the MCP transport itself and cannot be a static header.",
    ]);
  });

  it("shows a stored header masked, never in full", () => {
    expect(maskHeaders({ Authorization: "Bearer sk-live-1234567890abcd", "X-Short": "abc" })).toEqual({ Authorization: "Bearer ••••abcd", "X-Short": "••••" });
  });

  it("names a URL without its query, which may carry a key", () => {
    expect(displayUrl("http://127.0.0.1:4590/mcp?api_key=secret")).toBe("http://127.0.0.1:4590/mcp");
  });
});
