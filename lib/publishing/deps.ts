import "server-only";
import { getControlPlane } from "@/lib/agentcore";
import { loadGateway } from "@/lib/agentcore/cached";
import type { ControlPlane, GatewayDetail } from "@/lib/agentcore/types";
import { config } from "@/lib/config";
import { gatewaySchema } from "@/lib/workspace/schema";

/**
 * What publishing needs from the outside world. Routes use `defaultDeps()`; tests pass an adapter
 * (local, or AWS against the fake control plane) and short poll intervals.
 */
export interface PublishingDeps {
  cp: ControlPlane;
  /** "Who" in versions and the audit log: CONSOLE_USER, else the OS user. */
  user: string;
  loadGateway(gatewayId: string): Promise<GatewayDetail>;
  schemaOf(gateway: GatewayDetail): Promise<Record<string, unknown>>;
  poll: PollOptions;
}

export interface PollOptions {
  /** First wait between status reads; doubles up to maxIntervalMs. */
  intervalMs: number;
  maxIntervalMs: number;
  /** How long one policy may stay CREATING/UPDATING/DELETING before the publish stops and says so. */
  timeoutMs: number;
}

export const DEFAULT_POLL: PollOptions = { intervalMs: 250, maxIntervalMs: 2_000, timeoutMs: 60_000 };

export async function defaultDeps(): Promise<PublishingDeps> {
  return {
    cp: await getControlPlane(),
    user: config().consoleUser,
    loadGateway,
    schemaOf: async (g) => (await gatewaySchema(g)).json as Record<string, unknown>,
    poll: DEFAULT_POLL,
  };
}
