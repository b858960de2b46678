import "server-only";
import { getControlPlane } from "@/lib/agentcore";
import { loadGateway } from "@/lib/agentcore/cached";
import type { ControlPlane, GatewayDetail } from "@/lib/agentcore/types";
import { config } from "@/lib/config";
import { gatewaySchema } from "@/lib/cedar/gateway-schema";
import type { SimGateway } from "@/lib/simulation/types";
import { simGatewayOf } from "@/lib/workspace/sim-gateway";

/**
 * What publishing needs from the outside world. Routes use `defaultDeps()`; tests pass an adapter
 * (local, or AWS against the fake control plane) and short poll intervals.
 */
export interface PublishingDeps {
  cp: ControlPlane;
  /** "Who" in versions and the audit log: the signed-in person or API token (CONSOLE_USER without sign-in). */
  user: string;
  loadGateway(gatewayId: string): Promise<GatewayDetail>;
  schemaOf(gateway: GatewayDetail): Record<string, unknown>;
  /** The simulator's view of the gateway, for the evidence (impact, mode switch, canaries). */
  simOf(gateway: GatewayDetail): SimGateway;
  poll: PollOptions;
  /** REQUIRE_APPROVAL: publishing to an ENFORCE gateway and switching to ENFORCE become change requests. */
  requireApproval?: boolean;
}

export interface PollOptions {
  /** First wait between status reads; doubles up to maxIntervalMs. */
  intervalMs: number;
  maxIntervalMs: number;
  /** How long one policy may stay CREATING/UPDATING/DELETING before the publish stops and says so. */
  timeoutMs: number;
}

export const DEFAULT_POLL: PollOptions = { intervalMs: 250, maxIntervalMs: 2_000, timeoutMs: 60_000 };

/** The gateway's one schema (lib/cedar/gateway-schema.ts), and the simulator's view of it for this backend. */
export function schemaDeps(cp: ControlPlane): Pick<PublishingDeps, "schemaOf" | "simOf"> {
  const schemaOf = (g: GatewayDetail) => gatewaySchema(g).json as Record<string, unknown>;
  return { schemaOf, simOf: (g) => simGatewayOf(g, schemaOf(g), { localOutputs: cp.kind === "local" }) };
}

/** `who` is the request's identity (a route's `who`); null for a page that only reads. */
export async function defaultDeps(who: { name: string } | null): Promise<PublishingDeps> {
  const cp = await getControlPlane();
  return {
    cp,
    user: who?.name ?? config().consoleUser,
    loadGateway,
    ...schemaDeps(cp),
    poll: DEFAULT_POLL,
    requireApproval: config().requireApproval,
  };
}
