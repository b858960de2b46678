"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const TABS = [
  { href: "", label: "Overview" },
  { href: "/policies", label: "Policy workspace" },
  { href: "/publish", label: "Publish" },
  { href: "/history", label: "History" },
  { href: "/change-requests", label: "Change requests" },
  { href: "/connect", label: "Connect" },
  { href: "/decisions", label: "Decisions" },
];

export function GatewayTabs({ gatewayId }: { gatewayId: string }) {
  const pathname = usePathname();
  const base = `/gateways/${gatewayId}`;
  return (
    <nav aria-label="Gateway sections" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {TABS.map((t) => {
        const href = base + t.href;
        const active = pathname === href;
        return (
          <Link
            key={t.label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm",
              active ? "border-indigo-600 font-medium text-indigo-700 dark:text-indigo-300" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400",
            )}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
