import { Button } from "@/components/ui/button";

const input = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900";

/**
 * "Save as test case" for a single call or a session: the case's name and suite, what it expects
 * (`children`: one ALLOW/DENY per call), and the outcome of the last save.
 */
export function SaveCaseForm({
  title,
  name,
  suite,
  status,
  onName,
  onSuite,
  onSubmit,
  children,
}: {
  title: string;
  name: string;
  suite: string;
  status: string | null;
  onName(v: string): void;
  onSuite(v: string): void;
  onSubmit(e: React.FormEvent): void;
  children: React.ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} aria-label={title} className="flex flex-wrap items-end gap-2 border-t border-zinc-100 pt-2 dark:border-zinc-800">
      <label className="text-xs text-zinc-600 dark:text-zinc-400">
        Case name
        <input className={`${input} block w-44`} value={name} onChange={(e) => onName(e.target.value)} required maxLength={200} />
      </label>
      <label className="text-xs text-zinc-600 dark:text-zinc-400">
        Suite
        <input className={`${input} block w-28`} value={suite} onChange={(e) => onSuite(e.target.value)} required maxLength={100} />
      </label>
      {children}
      <Button size="sm" type="submit">
        {title}
      </Button>
      {status ? (
        <span role="status" className="w-full text-xs">
          {status}
        </span>
      ) : null}
    </form>
  );
}

/** ALLOW or DENY, as a test case expects. */
export function ExpectSelect({ label, value, onChange }: { label: string; value: "ALLOW" | "DENY"; onChange(v: "ALLOW" | "DENY"): void }) {
  return (
    <label className="text-xs text-zinc-600 dark:text-zinc-400">
      {label}
      <select className={`${input} block`} value={value} onChange={(e) => onChange(e.target.value as "ALLOW" | "DENY")}>
        <option>ALLOW</option>
        <option>DENY</option>
      </select>
    </label>
  );
}
