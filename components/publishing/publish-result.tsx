import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { PublishResult } from "@/lib/publishing/publish";

const OP = { create: "created", update: "updated", delete: "deleted" } as const;

/** What a publish did, step by step; on a failure, Retry continues and Roll back restores the previous set. */
export function PublishResultView({
  result,
  gatewayId,
  busy,
  onRetry,
  onRollback,
}: {
  result: PublishResult;
  gatewayId: string;
  busy: boolean;
  onRetry(): void;
  onRollback(): void;
}) {
  const ok = result.status === "published" || result.status === "unchanged";
  return (
    <div className="space-y-3 text-sm">
      <p role={ok ? "status" : "alert"} className={ok ? "font-medium text-emerald-700 dark:text-emerald-300" : "font-medium text-red-700 dark:text-red-300"}>
        {result.summary}
      </p>
      {result.applied.length ? (
        <div>
          <h3 className="font-semibold">Applied</h3>
          <ul aria-label="Applied" className="space-y-1">
            {result.applied.map((a) => (
              <li key={`${a.op}-${a.name}`} className="flex items-center gap-2">
                <Badge tone="green">{OP[a.op]}</Badge>
                <span className="font-mono">{a.name}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.failed.length ? (
        <div>
          <h3 className="font-semibold">Failed</h3>
          <ul aria-label="Failed" className="space-y-1">
            {result.failed.map((f) => (
              <li key={`${f.op}-${f.name}`}>
                <div className="flex items-center gap-2">
                  <Badge tone="red">{f.op} failed</Badge>
                  <span className="font-mono">{f.name}</span>
                  <span className="font-mono text-xs text-muted">{f.code}</span>
                </div>
                <p className="text-red-700 dark:text-red-300">{f.message}</p>
                {f.statusReasons.length ? (
                  <ul className="list-disc pl-6 text-xs">
                    {f.statusReasons.map((r, i) => (
                      <li key={i}>{r}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.pending.length ? (
        <div>
          <h3 className="font-semibold">Not attempted</h3>
          <ul aria-label="Not attempted" className="space-y-1">
            {result.pending.map((p) => (
              <li key={`${p.op}-${p.name}`} className="flex items-center gap-2">
                <Badge tone="neutral">{p.op}</Badge>
                <span className="font-mono">{p.name}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!ok ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" disabled={busy} onClick={onRetry}>
            Retry
          </Button>
          {result.applied.length ? (
            <Button disabled={busy} onClick={onRollback}>
              Roll back to version {result.previous.versionNumber}
            </Button>
          ) : null}
        </div>
      ) : (
        <p>
          <Link className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/gateways/${encodeURIComponent(gatewayId)}`}>
            View the published policies
          </Link>{" "}
          ·{" "}
          <Link className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/gateways/${encodeURIComponent(gatewayId)}/history`}>
            History
          </Link>
        </p>
      )}
    </div>
  );
}
