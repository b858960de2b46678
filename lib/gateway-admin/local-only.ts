import "server-only";
import { managedInAgentCore } from "@/lib/agentcore/managed";
import type { ControlPlane, LocalTargetsApi } from "@/lib/agentcore/types";

/** What only the local workspace keeps (re-syncs, templates, exports); on AWS the route answers 400. */
export function localTargetsOf(cp: ControlPlane, what: string): LocalTargetsApi {
  if (!cp.localTargets) managedInAgentCore(what);
  return cp.localTargets;
}
