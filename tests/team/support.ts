import { startOidcProvider, type RunningProvider } from "@/scripts/oidc-provider/server";
import { TEST_ROLE_MAP, type TestUser } from "@/scripts/oidc-provider/users";

export const CONSOLE = "http://127.0.0.1:3000";
export const CLIENT = { clientId: "policy-studio", clientSecret: "test-client-secret-not-real", redirectUris: [`${CONSOLE}/auth/callback`] };

/** Starts the test identity provider and points the console's configuration at it (before config() is first read). */
export async function withTestProvider(options: { claimsInIdToken?: boolean; env?: Record<string, string> } = {}): Promise<RunningProvider> {
  const provider = await startOidcProvider({ clients: [CLIENT], claimsInIdToken: options.claimsInIdToken });
  Object.assign(process.env, {
    AUTH_OIDC_ISSUER: provider.issuer,
    AUTH_OIDC_CLIENT_ID: CLIENT.clientId,
    AUTH_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
    AUTH_ROLE_MAP: TEST_ROLE_MAP,
    AUTH_SECRET: "a-test-secret-that-is-at-least-32-characters-long",
    CONSOLE_URL: CONSOLE,
    ...options.env,
  });
  return provider;
}

/** A minimal cookie jar for the provider's own cookies (name=value only, as a browser would send them back). */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  get(name: string) {
    return this.cookies.get(name);
  }
}

type Handler = (req: Request) => Promise<Response>;

/**
 * A browser's sign-in, step by step: the console's /auth/sign-in, the provider's authorize endpoint
 * and login form over real HTTP, then the console's /auth/callback. Answers the callback's response.
 */
export async function signInFlow(user: Pick<TestUser, "username" | "password">, handlers: { signIn: Handler; callback: Handler }, returnTo = "/gateways"): Promise<Response> {
  const consoleJar = new Jar();
  const start = await handlers.signIn(new Request(`${CONSOLE}/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`));
  consoleJar.take(start);
  let url = start.headers.get("location")!;
  const idp = new Jar();
  // Follow the provider's redirects until it sends the browser back to the console.
  for (let hop = 0; hop < 10 && !url.startsWith(CONSOLE); hop++) {
    let res = await fetch(url, { redirect: "manual", headers: { cookie: idp.header() } });
    idp.take(res);
    if (res.status === 200 && url.includes("/interaction/")) {
      res = await fetch(url, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: idp.header(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ username: user.username, password: user.password }),
      });
      idp.take(res);
      if (res.status !== 303 && res.status !== 302) throw new Error(`login refused: ${res.status}`);
    }
    url = new URL(res.headers.get("location")!, url).toString();
  }
  return handlers.callback(new Request(url, { headers: { cookie: consoleJar.header() } }));
}

/** The `Cookie` header a browser sends after this response set its cookies. */
export function cookieFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

/** Signs each user in once and answers their session's Cookie header. */
export async function sessions<K extends string>(users: Record<K, Pick<TestUser, "username" | "password">>): Promise<Record<K, string>> {
  const { signIn, signInCallback } = await import("@/lib/auth/sign-in");
  const out = {} as Record<K, string>;
  for (const [key, user] of Object.entries(users) as Array<[K, TestUser]>) out[key] = cookieFrom(await signInFlow(user, { signIn, callback: signInCallback }));
  return out;
}

/** A request to a route handler as a browser (cookie) or a script (bearer token) would send it. */
export function call(method: string, path: string, as: { cookie?: string; token?: string } = {}, body?: unknown): Request {
  const headers: Record<string, string> = { host: "127.0.0.1:3000" };
  if (as.cookie) headers.cookie = as.cookie;
  if (as.token) headers.authorization = `Bearer ${as.token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers.origin = CONSOLE;
  return new Request(`${CONSOLE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export const ctx = <P>(params: P) => ({ params: Promise.resolve(params as Record<string, string>) });
