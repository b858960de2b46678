import { createLocalControlPlane } from "@/lib/agentcore/local";
import type { ControlPlane, GatewaySummary } from "@/lib/agentcore/types";
import { ensureGatewayClients, type GatewayClient } from "@/lib/store/clients";
import { getDb, type Db } from "@/lib/store/db";
import { startGatewayServer, type GatewayServer } from "@/lib/gateway/node-server";

let n = 0;

export interface Harness {
  db: Db;
  cp: ControlPlane;
  server: GatewayServer;
  refund: GatewaySummary;
  orders: GatewaySummary;
  refundClients: GatewayClient[];
  client(persona: string, gateway?: GatewaySummary): Promise<GatewayClient>;
  token(persona?: string, gateway?: GatewaySummary): Promise<string>;
  mcpUrl(gateway?: GatewaySummary): string;
  /** POST a JSON-RPC body (string or value) with a bearer token; raw fetch, no MCP client. */
  post(body: unknown, opts?: { token?: string | null; gateway?: GatewaySummary; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

/** A fresh in-memory workspace served over real HTTP on 127.0.0.1. */
export async function startHarness(): Promise<Harness> {
  const db = await getDb(`memory://gateway-${process.pid}-${n++}`);
  const cp = createLocalControlPlane(db, { publicUrl: "http://127.0.0.1:3999" });
  const gateways = await cp.listGateways();
  const refund = gateways.find((g) => g.name === "RefundGateway")!;
  const orders = gateways.find((g) => g.name === "OrdersGateway")!;
  const server = await startGatewayServer({ db, controlPlane: cp });
  const refundClients = await ensureGatewayClients(refund.gatewayId, db);
  const tokens = new Map<string, string>();

  const h: Harness = {
    db,
    cp,
    server,
    refund,
    orders,
    refundClients,
    async client(persona, gateway = refund) {
      const clients = await ensureGatewayClients(gateway.gatewayId, db);
      const c = clients.find((x) => x.persona === persona);
      if (!c) throw new Error(`no client for persona ${persona}`);
      return c;
    },
    async token(persona = "refund-agent", gateway = refund) {
      const key = `${gateway.gatewayId}/${persona}`;
      const cached = tokens.get(key);
      if (cached) return cached;
      const c = await h.client(persona, gateway);
      const res = await fetch(`${server.url}/oauth2/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret }),
      });
      if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
      const { access_token } = (await res.json()) as { access_token: string };
      tokens.set(key, access_token);
      return access_token;
    },
    mcpUrl: (gateway = refund) => `${server.url}/mcp/${gateway.gatewayId}`,
    async post(body, opts = {}) {
      const gateway = opts.gateway ?? refund;
      const token = opts.token === undefined ? await h.token("refund-agent", gateway) : opts.token;
      return fetch(h.mcpUrl(gateway), {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...opts.headers,
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    },
    close: () => server.close(),
  };
  return h;
}

export const call = (name: string, args: unknown, id: number | string = 1) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } });

export const REFUND = "RefundTarget___process_refund";
