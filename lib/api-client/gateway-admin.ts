import type { GatewayDetail, Target } from "@/lib/agentcore/types";
import type { GatewayFile } from "@/lib/gateway-admin/export-file";
import type { SyncAnswer } from "@/lib/gateway-admin/sync";
import type { AddedTarget, NewTargetBody } from "@/lib/gateway-admin/targets";
import { apiFetch, gatewayPath } from "./request";

/** Local gateways and their targets (docs/api.md, "Gateways and targets"). */

export const createGateway = (body: { name: string; description?: string }) => apiFetch<GatewayDetail>("/api/gateways", { method: "POST", body });

export const updateGateway = (gatewayId: string, body: { name?: string; description?: string | null }) => apiFetch<GatewayDetail>(gatewayPath(gatewayId), { method: "PATCH", body });

export const deleteGateway = (gatewayId: string) => apiFetch<{ deleted: string }>(gatewayPath(gatewayId), { method: "DELETE" });

export const addTarget = (gatewayId: string, body: NewTargetBody) => apiFetch<AddedTarget>(gatewayPath(gatewayId, ["targets"]), { method: "POST", body });

export const deleteTarget = (gatewayId: string, targetId: string) => apiFetch<{ deleted: string }>(gatewayPath(gatewayId, ["targets", targetId]), { method: "DELETE" });

export const syncTarget = (gatewayId: string, targetId: string, apply: boolean) => apiFetch<SyncAnswer>(gatewayPath(gatewayId, ["targets", targetId, "sync"]), { method: "POST", body: { apply } });

export const setResponseTemplate = (gatewayId: string, targetId: string, tool: string, template: unknown) =>
  apiFetch<Target>(gatewayPath(gatewayId, ["targets", targetId, "tools", tool, "response"]), template === null ? { method: "DELETE" } : { method: "PUT", body: { template } });

/** Where the browser downloads the gateway file from. */
export const exportUrl = (gatewayId: string) => gatewayPath(gatewayId, ["export"]);

export const importGateway = (file: unknown, name?: string) =>
  apiFetch<{ gateway: GatewayDetail; warnings: string[] }>(`/api/gateways/import${name ? `?name=${encodeURIComponent(name)}` : ""}`, { method: "POST", body: file as GatewayFile });
