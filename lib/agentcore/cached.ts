import "server-only";
import { cache } from "react";
import { getControlPlane } from "./index";

/** Per-request memo so a gateway layout and its page read the gateway once. */
export const getGatewayOnce = cache(async (gatewayId: string) => (await getControlPlane()).getGateway(gatewayId));
