import type { Role } from "@/lib/roles";

/** The test identity provider's people: one per console role, plus one with no role at all. */
export interface TestUser {
  sub: string;
  username: string;
  password: string;
  name: string;
  email: string;
  /** The `roles` claim (AUTH_ROLE_CLAIM=roles), as an IdP's group names. */
  roles: string[];
}

const user = (username: string, name: string, roles: string[]): TestUser => ({
  sub: `user-${username}`,
  username,
  password: `${username}-password`,
  name,
  email: `${username}@example.test`,
  roles,
});

export const TEST_USERS = {
  viewer: user("vera", "Vera Viewer", ["policy-viewers"]),
  author: user("arthur", "Arthur Author", ["policy-authors"]),
  publisher: user("pia", "Pia Publisher", ["policy-publishers"]),
  publisher2: user("paul", "Paul Publisher", ["policy-publishers", "policy-viewers"]),
  admin: user("ada", "Ada Admin", ["policy-admins"]),
  nobody: user("nina", "Nina Nobody", ["marketing"]),
} satisfies Record<Role | "publisher2" | "nobody", TestUser>;

/** The console's AUTH_ROLE_MAP for these group names. */
export const TEST_ROLE_MAP = "policy-viewers=viewer,policy-authors=author,policy-publishers=publisher,policy-admins=admin";
