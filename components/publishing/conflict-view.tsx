import Link from "next/link";
import { Button } from "@/components/ui/button";
import { DiffView } from "./diff-view";

/**
 * The published set changed since the draft was started. Both versions are shown; nothing is
 * overwritten until the user picks.
 */
export function ConflictView({
  gatewayId,
  theirs,
  mine,
  base,
  busy,
  onKeepMine,
  onTakeTheirs,
}: {
  gatewayId: string;
  theirs: string;
  mine: string;
  base: string | null;
  busy: boolean;
  onKeepMine(): void;
  onTakeTheirs(): void;
}) {
  return (
    <section aria-label="Publish conflict" className="space-y-3 text-sm">
      <p role="alert" className="rounded-md bg-amber-50 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
        The published policies changed since this draft was started — someone else published, or the engine was changed outside the console. Compare the versions and choose; nothing has been overwritten.
      </p>
      <DiffView original={theirs} modified={mine} label="Published now (left) vs your draft (right)" />
      {base !== null ? (
        <details>
          <summary className="cursor-pointer">The version your draft started from</summary>
          <pre className="mt-2 max-h-64 overflow-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-950">{base}</pre>
        </details>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" disabled={busy} onClick={onKeepMine}>
          Rebase my draft onto the new published version
        </Button>
        <Button variant="danger" disabled={busy} onClick={onTakeTheirs}>
          Discard my draft and take theirs
        </Button>
        <Link href={`/gateways/${encodeURIComponent(gatewayId)}/policies`} className="inline-flex items-center rounded-md px-3 py-1.5 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800">
          Cancel
        </Link>
      </div>
      <p className="text-xs text-muted">Rebase keeps your text exactly and reviews it against what is published now; the diff and impact are recomputed before anything is sent.</p>
    </section>
  );
}
