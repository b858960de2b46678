"use client";

import { createContext, useContext } from "react";
import type { Viewer } from "@/lib/auth/viewer";
import { atLeast, roleReason, type Role } from "@/lib/roles";

// Without a provider (a component rendered alone) the console is the single local user.
const ViewerContext = createContext<Viewer>({ mode: "local", name: null, role: "admin", requireApproval: false });

/** Who is signed in, for every client component under the root layout. */
export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: React.ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export const useViewer = () => useContext(ViewerContext);

/** Whether the signed-in role may do something, and if not the sentence that says why (a control's title). */
export function useCan(needed: Role, doing: string): { allowed: boolean; reason: string | undefined } {
  const { role } = useViewer();
  if (role && atLeast(role, needed)) return { allowed: true, reason: undefined };
  return { allowed: false, reason: role ? roleReason(role, needed, doing) : "Sign in first." };
}
