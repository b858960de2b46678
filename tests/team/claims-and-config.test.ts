import { describe, expect, it } from "vitest";
import { claimValues, displayName, roleFromClaims } from "@/lib/auth/claims";
import { safeReturnTo } from "@/lib/auth/session";
import { parseRoleMap, readConfig as readConfigOf } from "@/lib/config";

const readConfig = (env: Record<string, string | undefined>) => readConfigOf(env as NodeJS.ProcessEnv);

const MAP = parseRoleMap("policy-admins=admin,Policy Publishers=publisher,ops:deploy=author");

describe("role mapping from the identity provider's claims (README: Roles)", () => {
  it("maps claim values to roles, the role names to themselves, and takes the highest", () => {
    expect(roleFromClaims({ roles: ["policy-admins"] }, "roles", MAP, null)).toBe("admin");
    expect(roleFromClaims({ roles: ["viewer", "Policy Publishers"] }, "roles", MAP, null)).toBe("publisher");
    expect(roleFromClaims({ roles: "author" }, "roles", MAP, null)).toBe("author");
    expect(roleFromClaims({ groups: "ops:deploy other" }, "groups", MAP, null)).toBe("author");
  });

  it("reads a dotted path (Keycloak realm_access.roles) and a claim whose name has dots", () => {
    expect(roleFromClaims({ realm_access: { roles: ["publisher"] } }, "realm_access.roles", MAP, null)).toBe("publisher");
    expect(roleFromClaims({ "https://example.com/roles": ["admin"] }, "https://example.com/roles", MAP, null)).toBe("admin");
  });

  it("falls back to AUTH_DEFAULT_ROLE, or refuses (null) when it is none; prototype keys map to nothing", () => {
    expect(roleFromClaims({ roles: ["marketing"] }, "roles", MAP, "viewer")).toBe("viewer");
    expect(roleFromClaims({}, "roles", MAP, null)).toBeNull();
    expect(roleFromClaims({ roles: ["constructor", "__proto__"] }, "roles", MAP, null)).toBeNull();
    expect(claimValues(42)).toEqual([]);
  });

  it("names people by preferred_username, then email, then name, then sub", () => {
    expect(displayName({ sub: "s", name: "Pia P", email: "pia@x", preferred_username: "pia" })).toBe("pia");
    expect(displayName({ sub: "s", name: "Pia P", email: "pia@x" })).toBe("pia@x");
    expect(displayName({ sub: "s" })).toBe("s");
  });

  it("returns only to paths on the console after sign-in", () => {
    expect(safeReturnTo("/gateways/x?tab=1")).toBe("/gateways/x?tab=1");
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "/auth/callback", "", null]) expect(safeReturnTo(bad)).toBe("/");
  });
});

describe("sign-in settings (lib/config.ts)", () => {
  const oidc = { AUTH_OIDC_ISSUER: "https://login.example.com/realms/team", AUTH_OIDC_CLIENT_ID: "studio", AUTH_OIDC_CLIENT_SECRET: "s3cret", AUTH_SECRET: "x".repeat(32) };

  it("is off without the OIDC variables: one local user", () => {
    expect(readConfig({}).auth).toBeNull();
    expect(readConfig({}).requireApproval).toBe(false);
  });

  it("needs all three OIDC variables and AUTH_SECRET, and names what is missing", () => {
    expect(() => readConfig({ AUTH_OIDC_ISSUER: oidc.AUTH_OIDC_ISSUER })).toThrow(/AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET are not set/);
    expect(() => readConfig({ ...oidc, AUTH_SECRET: undefined })).toThrow(/needs AUTH_SECRET/);
    expect(() => readConfig({ ...oidc, AUTH_SECRET: "short" })).toThrow(/at least 32 characters/);
  });

  it("accepts plain http only for a provider on this machine, and never repeats the client secret", () => {
    expect(() => readConfig({ ...oidc, AUTH_OIDC_ISSUER: "http://login.example.com" })).toThrow(/https/);
    expect(readConfig({ ...oidc, AUTH_OIDC_ISSUER: "http://127.0.0.1:4400" }).auth?.issuer).toBe("http://127.0.0.1:4400");
    try {
      readConfig({ ...oidc, AUTH_ROLE_MAP: "broken" });
    } catch (e) {
      expect((e as Error).message).toMatch(/AUTH_ROLE_MAP: "broken"/);
      expect((e as Error).message).not.toContain("s3cret");
    }
  });

  it("makes cookies Secure when the console is on https, and reads REQUIRE_APPROVAL", () => {
    expect(readConfig({ ...oidc, CONSOLE_URL: "https://studio.example.com" }).auth?.secureCookies).toBe(true);
    expect(readConfig({ ...oidc }).auth?.secureCookies).toBe(false);
    const c = readConfig({ ...oidc, REQUIRE_APPROVAL: "true", AUTH_DEFAULT_ROLE: "viewer", AUTH_ROLE_CLAIM: "groups" });
    expect(c).toMatchObject({ requireApproval: true, auth: { defaultRole: "viewer", roleClaim: "groups", scopes: "openid profile email", sessionHours: 8 } });
  });
});
