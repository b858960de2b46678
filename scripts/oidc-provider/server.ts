import http from "node:http";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type Configuration } from "oidc-provider";
import { TEST_USERS, type TestUser } from "./users";

/**
 * A small OpenID Connect provider for tests, on 127.0.0.1: `oidc-provider` (a certified
 * implementation) does discovery, the authorization code flow with PKCE, tokens and userinfo; this
 * file adds only a login form that checks the test users' passwords and grants the requested scopes
 * (no consent screen). Roles are the `roles` claim, released with the `profile` scope.
 */

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface OidcProviderOptions {
  port?: number;
  clients: TestClient[];
  users?: TestUser[];
  /** Put the profile claims (roles included) in the ID token; otherwise only userinfo has them. */
  claimsInIdToken?: boolean;
}

export interface RunningProvider {
  issuer: string;
  close(): Promise<void>;
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<RunningProvider> {
  const users = new Map((options.users ?? Object.values(TEST_USERS)).map((u) => [u.username, u]));
  const bySub = new Map([...users.values()].map((u) => [u.sub, u]));
  // Listening comes first (the issuer names the port); a request that arrives meanwhile waits for the provider.
  let ready!: (handle: http.RequestListener) => void;
  const handler = new Promise<http.RequestListener>((resolve) => (ready = resolve));
  const server = http.createServer((req, res) => void handler.then((handle) => handle(req, res)));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" }] },
    cookies: { keys: ["policy-studio-test-provider-only"] },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    claims: { openid: ["sub"], email: ["email"], profile: ["name", "preferred_username", "roles"] },
    conformIdTokenClaims: !options.claimsInIdToken,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const u = bySub.get(sub);
      if (!u) return undefined;
      return { accountId: sub, claims: async () => ({ sub, name: u.name, preferred_username: u.username, email: u.email, roles: u.roles }) };
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  ready((req, res) => {
    const m = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(req.url ?? "");
    if (!m) return void callback(req, res);
    void interaction(req, res, m[1]).catch((e) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(`interaction failed: ${(e as Error).message}`);
    });
  });

  async function interaction(req: http.IncomingMessage, res: http.ServerResponse, uid: string) {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "GET") return void loginForm(res, uid, details.params.client_id as string, null);
    const form = new URLSearchParams(await readBody(req));
    const u = users.get(form.get("username") ?? "");
    if (!u || form.get("password") !== u.password) return void loginForm(res, uid, details.params.client_id as string, "Wrong username or password.");
    const grant = new provider.Grant({ accountId: u.sub, clientId: details.params.client_id as string });
    grant.addOIDCScope(String(details.params.scope ?? "openid"));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: u.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function loginForm(res: http.ServerResponse, uid: string, clientId: string, problem: string | null) {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res.writeHead(problem ? 401 : 200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(`<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body>
<h1>Sign in to ${escape(clientId)}</h1>
${problem ? `<p role="alert">${escape(problem)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}">
<label>Username <input name="username" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form></body></html>`);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 16_384) req.destroy(new Error("body too large"));
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}
