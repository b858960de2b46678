import { denialText, SOURCE_TEXT, SOURCE_TONE } from "@/components/simulation/impact-flips";
import { Badge } from "@/components/ui/badge";
import type { ImpactFlip } from "@/lib/simulation/impact";

/** Saved cases, recorded and imported calls, each with where it comes from and (for flips) its decision change and why it is denied. */
export function EvidenceList({ items, more, label, showChange = true }: { items: ImpactFlip[]; more: number; label: string; showChange?: boolean }) {
  if (items.length === 0) return null;
  return (
    <ul aria-label={label} className="max-h-64 space-y-1 overflow-auto rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-800">
      {items.map((it, i) => (
        <li key={i} className="flex flex-wrap items-center gap-2">
          <Badge tone={SOURCE_TONE[it.source]}>{SOURCE_TEXT[it.source]}</Badge>
          {showChange ? (
            <span className="font-mono">
              {it.from} → <span className={it.to === "DENY" ? "text-red-700 dark:text-red-300" : "text-emerald-700 dark:text-emerald-300"}>{it.to}</span>
            </span>
          ) : null}
          <span className="min-w-0 break-all">{it.label}</span>
          {it.source === "case" ? <span className="font-mono text-muted">{JSON.stringify(it.arguments)}</span> : null}
          {it.count > 1 ? <span className="text-muted">×{it.count}</span> : null}
          <span className="text-muted">· {denialText(it)}</span>
        </li>
      ))}
      {more > 0 ? <li className="text-muted">…and {more} more</li> : null}
    </ul>
  );
}
