const input = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900";

/** The name and suite a saved test case goes under (a single call's or a session's). */
export function CaseFields({ name, suite, onName, onSuite }: { name: string; suite: string; onName(v: string): void; onSuite(v: string): void }) {
  return (
    <>
      <label className="text-xs text-zinc-600 dark:text-zinc-400">
        Case name
        <input className={`${input} block w-44`} value={name} onChange={(e) => onName(e.target.value)} required maxLength={200} />
      </label>
      <label className="text-xs text-zinc-600 dark:text-zinc-400">
        Suite
        <input className={`${input} block w-28`} value={suite} onChange={(e) => onSuite(e.target.value)} required maxLength={100} />
      </label>
    </>
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
