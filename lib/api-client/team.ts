import type { ApiTokenInfo } from "@/lib/store/api-tokens";
import type { ChangeRequest } from "@/lib/store/change-requests";
import type { ChangeRequestDetail } from "@/lib/publishing/change-requests";
import type { PublishResult } from "@/lib/publishing/publish";
import type { Role } from "@/lib/roles";
import { apiFetch } from "./request";

/** API tokens and change requests (docs/api.md#team-mode). */

/** The 202 answer of a publish, mode switch or promotion that waits for another publisher. */
export interface PendingApproval {
  status: "pending-approval";
  changeRequest: ChangeRequest;
}

export const isPendingApproval = (answer: unknown): answer is PendingApproval => (answer as PendingApproval | null)?.status === "pending-approval";

export const changeRequestUrl = (id: number) => `/change-requests/${encodeURIComponent(id)}`;

const crPath = (id: number, action?: string) => `/api/change-requests/${encodeURIComponent(id)}${action ? `/${action}` : ""}`;

export const getChangeRequest = (id: number) => apiFetch<ChangeRequestDetail>(crPath(id));

export const approveChangeRequest = (id: number, reason: string) =>
  apiFetch<{ changeRequest: ChangeRequest; result: PublishResult | unknown }>(crPath(id, "approve"), { method: "POST", body: { reason } });

export const rejectChangeRequest = (id: number, reason: string) => apiFetch<{ changeRequest: ChangeRequest }>(crPath(id, "reject"), { method: "POST", body: { reason } });

export const withdrawChangeRequest = (id: number) => apiFetch<{ changeRequest: ChangeRequest }>(crPath(id, "withdraw"), { method: "POST", body: {} });

export const listTokens = () => apiFetch<{ tokens: ApiTokenInfo[] }>("/api/tokens");

export const createToken = (body: { name: string; role: Role; expiresInDays?: number }) => apiFetch<{ secret: string; token: ApiTokenInfo }>("/api/tokens", { method: "POST", body });

export const revokeToken = (id: number) => apiFetch<{ token: ApiTokenInfo }>(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" });
