import "server-only";
import { cookies } from "next/headers";
import { config } from "@/lib/config";
import type { Role } from "@/lib/roles";
import { identityOfCookies, type Identity } from "./identity";

/** What the browser is told about who is signed in: enough to hide or explain controls, nothing secret. */
export interface Viewer {
  /** `local`: no sign-in configured, one user on 127.0.0.1; `sign-in`: the team's identity provider. */
  mode: "local" | "sign-in";
  /** Null on a page reached without a session (sign-in's own pages). */
  name: string | null;
  role: Role | null;
  /** Publishing to an ENFORCE gateway and switching to ENFORCE go through change requests. */
  requireApproval: boolean;
}

/** The identity behind the page being rendered (server components). */
export async function pageIdentity(): Promise<Identity | null> {
  const jar = await cookies();
  return identityOfCookies((name) => jar.get(name)?.value);
}

export async function pageViewer(): Promise<Viewer> {
  const who = await pageIdentity();
  return { mode: config().auth ? "sign-in" : "local", name: who?.name ?? null, role: who?.role ?? null, requireApproval: config().requireApproval };
}
