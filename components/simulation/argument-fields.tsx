"use client";

import { useId, useState } from "react";
import { inputText, inputValue, withValue, type ArgumentForm, type FormField } from "@/lib/mcp/argument-form";

const input = "w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** A tool call's arguments as a form laid out from the tool's input schema. */
export function ArgumentFields({ form, args, onChange }: { form: ArgumentForm; args: Record<string, unknown>; onChange(args: Record<string, unknown>): void }) {
  const set = (path: string[], value: unknown) => onChange(withValue(form, args, path, value));
  return (
    <fieldset aria-label="Arguments" className="space-y-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-700">
      <legend className="px-1 text-xs text-zinc-600 dark:text-zinc-400">
        Arguments <span className="text-zinc-400">(* required)</span>
      </legend>
      {form.fields.length ? (
        <Fields fields={form.fields} value={args} onSet={set} />
      ) : (
        <p className="text-xs text-muted">
          This tool&apos;s input schema names no arguments{form.extraKeys ? "; add any it accepts in Raw JSON." : "."}
        </p>
      )}
    </fieldset>
  );
}

function Fields({ fields, value, onSet }: { fields: FormField[]; value: Record<string, unknown>; onSet(path: string[], value: unknown): void }) {
  return (
    <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
      {fields.map((f) =>
        f.kind === "object" ? (
          <fieldset key={f.key} className="col-span-full space-y-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-700">
            <legend className="px-1 text-xs text-zinc-600 dark:text-zinc-400">
              {f.key}
              {f.required ? <Required /> : null}
              {f.description ? <span className="ml-1 text-zinc-400">— {f.description}</span> : null}
            </legend>
            <Fields fields={f.fields} value={asObject(value[f.key])} onSet={onSet} />
          </fieldset>
        ) : (
          <Field key={f.key} field={f} value={value[f.key]} onSet={(v) => onSet(f.path, v)} />
        ),
      )}
    </div>
  );
}

function Field({ field, value, onSet }: { field: FormField; value: unknown; onSet(value: unknown): void }) {
  const id = useId();
  // What the user typed, kept while it is not yet a value (half a number, unfinished JSON).
  const [draft, setDraft] = useState<string | null>(null);
  const read = draft === null ? null : inputValue(field, draft);
  const text = draft !== null && (!read?.ok || JSON.stringify(read.value) === JSON.stringify(value)) ? draft : inputText(field, value);
  const change = (next: string) => {
    setDraft(next);
    const r = inputValue(field, next);
    if (r.ok) onSet(r.value);
  };
  const described = [field.description ? `${id}-d` : "", read && !read.ok ? `${id}-e` : ""].filter(Boolean).join(" ") || undefined;
  const common = { id, "aria-required": field.required, "aria-describedby": described, "aria-invalid": read ? !read.ok : undefined };
  return (
    <div className={field.kind === "json" ? "col-span-full" : undefined}>
      <label htmlFor={id} className="text-xs text-zinc-600 dark:text-zinc-400">
        {field.key}
        {field.required ? <Required /> : null}
        {field.kind === "json" ? <span className="ml-1 text-zinc-400">(JSON)</span> : null}
      </label>
      {field.kind === "enum" || field.kind === "boolean" ? (
        <select {...common} className={input} value={text} onChange={(e) => change(e.target.value)}>
          <option value="">(not set)</option>
          {field.kind === "enum"
            ? field.options.map((o, i) => (
                <option key={o.label} value={String(i)}>
                  {o.label}
                </option>
              ))
            : ["true", "false"].map((b) => <option key={b}>{b}</option>)}
        </select>
      ) : (
        <input
          {...common}
          type={field.kind === "number" ? "number" : "text"}
          step={field.kind === "number" ? (field.integer ? 1 : "any") : undefined}
          className={field.kind === "json" ? `${input} font-mono text-xs` : input}
          value={text}
          spellCheck={false}
          onChange={(e) => change(e.target.value)}
        />
      )}
      {field.description ? (
        <p id={`${id}-d`} className="text-xs text-muted">
          {field.description}
        </p>
      ) : null}
      {read && !read.ok ? (
        <p id={`${id}-e`} className="text-xs text-amber-700 dark:text-amber-300">
          {read.message}: the body keeps the last value
        </p>
      ) : null}
    </div>
  );
}

function Required() {
  return (
    <span aria-hidden className="ml-0.5 text-red-700 dark:text-red-400">
      *
    </span>
  );
}

const asObject = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
