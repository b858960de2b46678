import Link from "next/link";
import { TimeAgo } from "@/components/gateways/time-ago";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { changeRequestUrl } from "@/lib/api-client/team";
import type { ChangeRequest, ChangeRequestStatus } from "@/lib/store/change-requests";

const TONE: Record<ChangeRequestStatus, BadgeTone> = { open: "amber", applying: "amber", approved: "green", rejected: "red", withdrawn: "neutral" };

export const ChangeRequestStatusBadge = ({ status }: { status: ChangeRequestStatus }) => <Badge tone={TONE[status]}>{status}</Badge>;

/** "Publish (2 added…)", "Switch to ENFORCE", "Roll back to version 3": what a request would do, in a few words. */
export function changeRequestTitle(cr: ChangeRequest): string {
  if (cr.kind === "mode") return `Switch ${cr.gatewayName} from ${cr.fromMode} to ${cr.toMode}`;
  if (cr.rollbackOf !== null) return `Roll back ${cr.gatewayName} to version ${cr.rollbackOf}`;
  return `Publish to ${cr.gatewayName}${cr.message ? `: ${cr.message}` : ""}`;
}

/** Change requests, open ones first (the Change requests page, and a gateway's tab). */
export function ChangeRequestList({ requests, requireApproval }: { requests: ChangeRequest[]; requireApproval: boolean }) {
  return (
    <Card aria-labelledby="change-requests-title">
      <CardHeader id="change-requests-title" title="Change requests" />
      {requests.length === 0 ? (
        <div className="p-4">
          <EmptyState title="No change requests">
            {requireApproval
              ? "Publishing to a gateway in ENFORCE, promoting a canary there, or switching a gateway to ENFORCE opens one for another publisher to approve."
              : "Approvals are off (REQUIRE_APPROVAL is not set): publishers publish directly."}
          </EmptyState>
        </div>
      ) : (
        <ul aria-label="Change requests" className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {requests.map((cr) => (
            <li key={cr.id} className="flex flex-wrap items-center gap-2 px-4 py-3 text-sm">
              <Link href={changeRequestUrl(cr.id)} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                #{cr.id} {changeRequestTitle(cr)}
              </Link>
              <ChangeRequestStatusBadge status={cr.status} />
              <span className="ml-auto text-muted">
                requested by {cr.requestedBy} · <TimeAgo iso={cr.createdAt} />
                {cr.decidedBy ? ` · ${cr.status} by ${cr.decidedBy}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** What the one who asked sees after asking. */
export function PendingApprovalNote({ changeRequest }: { changeRequest: ChangeRequest }) {
  return (
    <Card aria-labelledby="pending-title" role="status">
      <CardHeader id="pending-title" title="Waiting for approval" />
      <div className="space-y-2 p-4 text-sm">
        <p>
          {changeRequestTitle(changeRequest)} is <strong>change request #{changeRequest.id}</strong>. Nothing changes on the gateway until another publisher approves it.
        </p>
        <Link href={changeRequestUrl(changeRequest.id)} className="text-indigo-700 hover:underline dark:text-indigo-300">
          Open change request #{changeRequest.id}
        </Link>
      </div>
    </Card>
  );
}
