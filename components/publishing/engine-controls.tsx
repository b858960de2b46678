import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import type { EngineControlsData } from "@/lib/publishing/review";
import { CanaryList } from "./canary-list";
import { CreateEngineForm } from "./create-engine";
import { ModeSwitch } from "./mode-switch";

/** The gateway overview's publishing controls: mode switch, canary promotion, or engine creation. */
export function EngineControls({ data }: { data: EngineControlsData }) {
  const base = `/gateways/${encodeURIComponent(data.gatewayId)}`;
  return (
    <Card aria-labelledby="engine-controls-title">
      <CardHeader id="engine-controls-title" title="Enforcement and publishing">
        {data.engine ? <ModeSwitch gatewayId={data.gatewayId} gatewayName={data.gatewayName} mode={data.engine.mode} /> : null}
      </CardHeader>
      <div className="space-y-3 p-4 text-sm">
        {data.engine ? (
          <>
            <p className="text-zinc-600 dark:text-zinc-400">
              {data.engine.mode === "ENFORCE" ? "The gateway enforces its policies: denied calls fail." : "The gateway only logs decisions: every call goes through."}{" "}
              <Link className="text-indigo-700 underline dark:text-indigo-300" href={`${base}/publish`}>
                Review &amp; publish the draft
              </Link>{" "}
              ·{" "}
              <Link className="text-indigo-700 underline dark:text-indigo-300" href={`${base}/history`}>
                History
              </Link>
            </p>
            <CanaryList gatewayId={data.gatewayId} canaries={data.canaries} />
          </>
        ) : (
          <>
            <p>No policy engine is attached, so nothing is checked. Create one and attach it; start in LOG_ONLY to watch decisions before enforcing them.</p>
            <CreateEngineForm gatewayId={data.gatewayId} gatewayName={data.gatewayName} />
          </>
        )}
      </div>
    </Card>
  );
}
