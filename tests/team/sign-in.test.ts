process.env.DATA_DIR = "memory://team-sign-in";
process.env.AGENTCORE_BACKEND = "local";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import type { RunningProvider } from "@/scripts/oidc-provider/server";
import { TEST_USERS } from "@/scripts/oidc-provider/users";
import { cookieFrom, CONSOLE, signInFlow, withTestProvider } from "./support";

let provider: RunningProvider;
let handlers: { signIn: (r: Request) => Promise<Response>; callback: (r: Request) => Promise<Response> };

beforeAll(async () => {
  provider = await withTestProvider();
  const { signIn, signInCallback } = await import("@/lib/auth/sign-in");
  handlers = { signIn, callback: signInCallback };
  await (await import("@/lib/agentcore")).getControlPlane(); // the embedded store, opened and seeded once
});
afterAll(() => provider.close());

const api = async (path: string, init: RequestInit & { cookie?: string } = {}) => {
  const { GET } = await import("@/app/api/gateways/route");
  return GET(new Request(`${CONSOLE}${path}`, { ...init, headers: { host: "127.0.0.1:3000", ...(init.cookie ? { cookie: init.cookie } : {}) } }), { params: Promise.resolve({}) });
};

describe("sign-in with OpenID Connect (authorization code + PKCE against the test provider)", () => {
  it("signs a publisher in: the callback sets a sealed, HttpOnly, SameSite=Lax session cookie and returns to the page", async () => {
    const res = await signInFlow(TEST_USERS.publisher, handlers, "/gateways?x=1");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${CONSOLE}/gateways?x=1`);
    const session = res.headers.getSetCookie().find((c) => c.startsWith("ps_session="))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=lax/i);
    expect(session).not.toMatch(/Secure/i); // the console is on http here
    expect(session).not.toContain("pia"); // sealed, not readable
    const ok = await api("/api/gateways", { cookie: cookieFrom(res) });
    expect(ok.status).toBe(200);
  });

  it("sends the authorization request with PKCE (S256), state and nonce", async () => {
    const start = await handlers.signIn(new Request(`${CONSOLE}/auth/sign-in?returnTo=/`));
    const url = new URL(start.headers.get("location")!);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("redirect_uri")).toBe(`${CONSOLE}/auth/callback`);
  });

  it("reads the role from userinfo when the ID token does not carry it", async () => {
    const res = await signInFlow(TEST_USERS.viewer, handlers);
    const { openSession, cookieNames } = await import("@/lib/auth/session");
    const { config } = await import("@/lib/config");
    const auth = config().auth!;
    const value = res.headers.getSetCookie().find((c) => c.startsWith(`${cookieNames(auth).session}=`))!.split(";")[0].split("=")[1];
    expect(await openSession(value, auth)).toEqual({ name: "vera", subject: `${provider.issuer}|user-vera`, role: "viewer" });
  });

  it("refuses someone whose claims map to no role, and a callback without its sign-in cookie", async () => {
    const nobody = await signInFlow(TEST_USERS.nobody, handlers);
    expect(nobody.headers.get("location")).toBe(`${CONSOLE}/auth/problem?reason=role-forbidden`);
    expect(nobody.headers.getSetCookie().some((c) => c.startsWith("ps_session=") && !c.startsWith("ps_session=;"))).toBe(false);
    const replay = await handlers.callback(new Request(`${CONSOLE}/auth/callback?code=abc&state=def`));
    expect(replay.headers.get("location")).toBe(`${CONSOLE}/auth/problem?reason=expired`);
  });

  it("refuses a forged state: the code is not exchanged", async () => {
    const start = await handlers.signIn(new Request(`${CONSOLE}/auth/sign-in`));
    const res = await handlers.callback(new Request(`${CONSOLE}/auth/callback?code=stolen&state=not-the-one`, { headers: { cookie: cookieFrom(start) } }));
    expect(res.headers.get("location")).toBe(`${CONSOLE}/auth/problem?reason=sign-in-failed`);
  });

  it("answers API routes without a session 401 sign-in-required, and a tampered cookie the same", async () => {
    const none = await api("/api/gateways");
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: "sign-in-required" } });
    const tampered = await api("/api/gateways", { cookie: "ps_session=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC" });
    expect(tampered.status).toBe(401);
  });

  it("the proxy sends pages to sign-in, answers API routes 401, and leaves the MCP gateway and sign-in alone", async () => {
    const { proxy } = await import("@/proxy");
    const page = await proxy(new NextRequest(`${CONSOLE}/gateways/abc?tab=1`, { headers: { host: "127.0.0.1:3000" } }));
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe(`${CONSOLE}/auth/sign-in?returnTo=%2Fgateways%2Fabc%3Ftab%3D1`);
    const apiRes = await proxy(new NextRequest(`${CONSOLE}/api/gateways`, { headers: { host: "127.0.0.1:3000" } }));
    expect(apiRes.status).toBe(401);
    expect(await apiRes.json()).toMatchObject({ error: { code: "sign-in-required" } });
    // The router's RSC fetch of a page (a link prefetch) is refused, not sent to the identity provider.
    const prefetch = await proxy(new NextRequest(`${CONSOLE}/?_rsc=abc`, { headers: { host: "127.0.0.1:3000", rsc: "1", "next-router-prefetch": "1" } }));
    expect(prefetch.status).toBe(401);
    expect(prefetch.headers.get("location")).toBeNull();
    for (const open of ["/mcp/gw-1", "/oauth2/token", "/auth/sign-in", "/api/health"]) {
      const res = await proxy(new NextRequest(`${CONSOLE}${open}`, { method: open === "/mcp/gw-1" ? "POST" : "GET", headers: { host: "127.0.0.1:3000" } }));
      expect(res.headers.get("x-middleware-next"), open).toBe("1");
    }
    const signedIn = await signInFlow(TEST_USERS.author, handlers);
    const withSession = await proxy(new NextRequest(`${CONSOLE}/gateways`, { headers: { host: "127.0.0.1:3000", cookie: cookieFrom(signedIn) } }));
    expect(withSession.headers.get("x-middleware-next")).toBe("1");
  });

  it("signs out with a POST that clears the session cookie", async () => {
    const { POST } = await import("@/app/auth/sign-out/route");
    const res = await POST(new Request(`${CONSOLE}/auth/sign-out`, { method: "POST", headers: { host: "127.0.0.1:3000", origin: CONSOLE } }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${CONSOLE}/auth/signed-out`);
    expect(res.headers.getSetCookie()[0]).toMatch(/^ps_session=;.*Max-Age=0/i);
    const foreign = await POST(new Request(`${CONSOLE}/auth/sign-out`, { method: "POST", headers: { host: "127.0.0.1:3000", origin: "http://evil.example" } }));
    expect(foreign.status).toBe(403);
  });
});
