"use client";

import { cn } from "@/lib/cn";

/**
 * The ARIA tabs pattern for every tab strip of the console: the strip is one stop in the Tab order
 * (the selected tab), ←/→ (↑/↓ when vertical), Home and End move between tabs. In-page tabs
 * activate as focus moves; tabs that are links (the gateway's sections) only move focus, and Enter
 * or Space opens the section, so arrowing across them does not load every page.
 */
export function TabList({
  label,
  activation = "automatic",
  orientation = "horizontal",
  className,
  children,
}: {
  label: string;
  activation?: "automatic" | "manual";
  orientation?: "horizontal" | "vertical";
  className?: string;
  children: React.ReactNode;
}) {
  const [back, forward] = orientation === "vertical" ? ["ArrowUp", "ArrowDown"] : ["ArrowLeft", "ArrowRight"];
  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    const tabs = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]:not([aria-disabled="true"])')];
    const at = tabs.indexOf(e.target as HTMLElement);
    if (at < 0) return;
    if (e.key === " " && activation === "manual") {
      e.preventDefault();
      tabs[at].click();
      return;
    }
    const to = e.key === forward ? (at + 1) % tabs.length : e.key === back ? (at - 1 + tabs.length) % tabs.length : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    tabs[to].focus();
    if (activation === "automatic") tabs[to].click();
  }
  return (
    <div role="tablist" aria-label={label} aria-orientation={orientation} className={cn("flex", orientation === "vertical" && "flex-col", className)} onKeyDown={onKeyDown}>
      {children}
    </div>
  );
}

/** The attributes that make an element (a button or a link) one tab of a `TabList`. */
export function tabProps(id: string, selected: boolean, panelId?: string) {
  return { id, role: "tab", "aria-selected": selected, "aria-controls": panelId, tabIndex: selected ? 0 : -1 } as const;
}
