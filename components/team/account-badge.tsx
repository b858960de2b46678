import { Badge } from "@/components/ui/badge";
import type { Viewer } from "@/lib/auth/viewer";

/** The header's "who": the single local user, or the signed-in person with their role and Sign out. */
export function AccountBadge({ viewer }: { viewer: Viewer }) {
  if (viewer.mode === "local") {
    return (
      <Badge tone="neutral" data-testid="account" title={`No sign-in is configured: whoever reaches this console on 127.0.0.1 acts as ${viewer.name}, with every role. Set AUTH_OIDC_* to sign in with your identity provider.`}>
        Single user · {viewer.name} · no sign-in
      </Badge>
    );
  }
  if (!viewer.name) {
    return (
      <a href="/auth/sign-in" className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
        Sign in
      </a>
    );
  }
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="account">
      <span>
        <span className="font-medium">{viewer.name}</span> <Badge tone="blue">{viewer.role}</Badge>
      </span>
      <form action="/auth/sign-out" method="post">
        <button type="submit" className="text-indigo-700 hover:underline dark:text-indigo-300">
          Sign out
        </button>
      </form>
    </div>
  );
}
