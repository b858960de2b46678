"use client";

import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { currentTheme, setTheme, subscribeTheme } from "./theme";

export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribeTheme, currentTheme, () => "light" as const);
  const next = theme === "dark" ? "light" : "dark";
  return (
    <Button variant="ghost" size="sm" aria-label={`Switch to ${next} theme`} onClick={() => setTheme(next)}>
      {theme === "dark" ? "☾ Dark" : "☀ Light"}
    </Button>
  );
}
