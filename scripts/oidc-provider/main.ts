/**
 * The test identity provider as a process (Playwright's webServer, or by hand):
 *   PORT=4400 OIDC_CLIENT_ID=policy-studio OIDC_CLIENT_SECRET=… OIDC_REDIRECT_URIS=http://127.0.0.1:3000/auth/callback npx tsx scripts/oidc-provider/main.ts
 * Users and passwords: scripts/oidc-provider/users.ts (e.g. pia / pia-password, a publisher).
 */
import { startOidcProvider } from "./server";

const env = (name: string, fallback?: string) => {
  const v = process.env[name] ?? fallback;
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const provider = await startOidcProvider({
  port: Number(env("PORT", "4400")),
  clients: [{ clientId: env("OIDC_CLIENT_ID", "policy-studio"), clientSecret: env("OIDC_CLIENT_SECRET", "policy-studio-test-secret"), redirectUris: env("OIDC_REDIRECT_URIS").split(",") }],
  claimsInIdToken: process.env.OIDC_CLAIMS_IN_ID_TOKEN === "true",
});
console.log(`test identity provider at ${provider.issuer}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void provider.close().then(() => process.exit(0)));
