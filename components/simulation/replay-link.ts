import { Call } from "@/lib/simulation/schemas";
import type { SimCall } from "@/lib/simulation/types";

/**
 * Opening a call in the Simulate panel from another page (the publish review): the policy workspace
 * reads `?panel=simulate&replay=<call as JSON>` when it loads. Inside the workspace, panels use
 * `useSim().openInSimulate` instead.
 */

export const REPLAY_PARAM = "replay";

export function replayHref(gatewayId: string, call: SimCall): string {
  const query = new URLSearchParams({ panel: "simulate", [REPLAY_PARAM]: JSON.stringify({ principal: call.principal, request: call.request }) });
  return `/gateways/${encodeURIComponent(gatewayId)}/policies?${query}`;
}

/** The call a link carries, or null when there is none or it is not a call (a hand-edited URL). */
export function readReplayParam(value: string | null): SimCall | null {
  if (!value) return null;
  try {
    const parsed = Call.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
