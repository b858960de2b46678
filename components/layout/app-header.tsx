import Link from "next/link";
import { AccountBadge } from "@/components/team/account-badge";
import { TeamNav } from "@/components/team/team-nav";
import { Badge } from "@/components/ui/badge";
import type { Viewer } from "@/lib/auth/viewer";
import type { Loaded } from "@/lib/http/load";
import type { BackendInfo } from "@/lib/agentcore/types";
import { ThemeToggle } from "./theme-toggle";

export function AppHeader({ backend, viewer }: { backend: Loaded<BackendInfo> | null; viewer: Viewer }) {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-2.5">
        {/* Not prefetched: on the signed-out page a prefetch would be sent to sign-in and the identity provider, which the CSP blocks. */}
        <Link href="/" prefetch={false} className="flex items-center gap-2 font-semibold text-zinc-900 dark:text-zinc-100">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/icon.svg" alt="" width={22} height={22} />
          Policy Studio
        </Link>
        <nav className="flex gap-3 text-sm text-zinc-600 dark:text-zinc-400">
          <Link href="/" prefetch={false} className="hover:text-zinc-900 dark:hover:text-zinc-100">
            Gateways
          </Link>
          {viewer.role ? <TeamNav /> : null}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          {backend === null ? null : backend.ok ? (
            <Badge tone={backend.data.kind === "aws" ? "amber" : "blue"} data-testid="backend-badge" title="Active backend">
              {backend.data.label}
            </Badge>
          ) : (
            <Badge tone="red" data-testid="backend-badge">
              Backend not configured
            </Badge>
          )}
          <AccountBadge viewer={viewer} />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
