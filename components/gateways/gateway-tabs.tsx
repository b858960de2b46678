"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { TabList, tabProps } from "@/components/ui/tabs";
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

const PANEL = "gateway-section";
const tabId = (label: string) => `gateway-tab-${label.toLowerCase().replace(/\s+/g, "-")}`;

/** The gateway's sections as ARIA tabs (links: arrows move, Enter opens), with the page as their panel. */
export function GatewayTabs({ gatewayId, children }: { gatewayId: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const base = `/gateways/${gatewayId}`;
  const active = TABS.find((t) => pathname === base + t.href);
  return (
    <>
      <nav aria-label="Gateway sections" className="border-b border-zinc-200 dark:border-zinc-800">
        <TabList label="Gateway sections" activation="manual" className="gap-1 overflow-x-auto">
          {TABS.map((t) => {
            const selected = t === active;
            const props = tabProps(tabId(t.label), selected, PANEL);
            return (
              <Link
                key={t.label}
                href={base + t.href}
                {...props}
                // With no section selected (an unknown sub-path) the first tab stays reachable.
                tabIndex={selected || (!active && t === TABS[0]) ? 0 : -1}
                aria-current={selected ? "page" : undefined}
                className={cn(
                  "-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap focus-visible:outline-2 focus-visible:outline-indigo-600",
                  selected ? "border-indigo-600 font-medium text-indigo-700 dark:text-indigo-300" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400",
                )}
              >
                {t.label}
              </Link>
            );
          })}
        </TabList>
      </nav>
      <div role="tabpanel" id={PANEL} aria-labelledby={active ? tabId(active.label) : undefined} aria-label={active ? undefined : "Gateway section"} className="space-y-4">
        {children}
      </div>
    </>
  );
}
