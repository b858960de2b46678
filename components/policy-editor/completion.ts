import type * as Monaco from "monaco-editor";
import { dogwoodSuggestions, type DogwoodSuggestions } from "@/lib/dogwood/completion-context";
import type { EditorAction, EditorContext } from "@/lib/workspace/editor-context";
import { CEDAR_LANGUAGE_ID } from "./cedar-language";
import { SNIPPETS } from "./snippets";

type M = typeof Monaco;

/** The actions named in the scope of the policy around `offset`, or all actions when the scope names none. */
export function actionsInScope(text: string, offset: number, ctx: EditorContext): EditorAction[] {
  const start = Math.max(text.lastIndexOf(";", offset - 1) + 1, 0);
  const policy = text.slice(start, offset);
  const named = [...policy.matchAll(/AgentCore::Action::"([^"]+)"/g)].map((m) => m[1]);
  const hits = ctx.actions.filter((a) => named.includes(a.id));
  return hits.length > 0 ? hits : ctx.actions;
}

/** Completion and hover driven by the gateway's tools. Returns a disposer. */
export function registerCedarIntelligence(monaco: M, getContext: () => EditorContext | null): Monaco.IDisposable {
  const completion = monaco.languages.registerCompletionItemProvider(CEDAR_LANGUAGE_ID, {
    triggerCharacters: ['"', ".", ":", "[", "{"],
    provideCompletionItems(model, position) {
      const ctx = getContext();
      if (!ctx) return { suggestions: [] };
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const K = monaco.languages.CompletionItemKind;
      const dogwood = dogwoodSuggestions(model.getValueInRange(new monaco.Range(1, 1, position.lineNumber, position.column)));
      const dogwoodItems = (d: DogwoodSuggestions) =>
        d.items.map((i) => ({
          label: i.label,
          kind: d.context === "guardrail-category" || d.context === "event-kind" ? K.EnumMember : d.context === "event-field" ? K.Field : K.Keyword,
          detail: `Dogwood: ${i.detail}`,
          insertText: i.snippet ?? i.label,
          ...(i.snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
          range,
        }));

      if (/AgentCore::Action::"[\w-]*$/.test(line)) {
        const typed = line.match(/"([\w-]*)$/)![1];
        const r = new monaco.Range(position.lineNumber, position.column - typed.length, position.lineNumber, position.column);
        return {
          suggestions: ctx.actions.map((a) => ({
            label: a.id,
            kind: K.Function,
            detail: "tool action",
            documentation: a.description,
            insertText: a.id,
            range: r,
          })),
        };
      }
      if (/getTag\("\w*$|hasTag\("\w*$/.test(line)) {
        return { suggestions: ctx.claimNames.map((c) => ({ label: c, kind: K.Property, detail: "JWT claim (tag)", insertText: c, range })) };
      }
      const input = line.match(/context\.input\.((?:\w+\.)*)(\w*)$/);
      if (input) {
        const prefix = input[1];
        const offset = model.getOffsetAt(position);
        const seen = new Set<string>();
        const suggestions: Monaco.languages.CompletionItem[] = [];
        for (const action of actionsInScope(model.getValue(), offset, ctx)) {
          for (const f of action.fields) {
            if (!f.path.startsWith(prefix)) continue;
            const rest = f.path.slice(prefix.length);
            if (rest.includes(".") || seen.has(rest)) continue;
            seen.add(rest);
            suggestions.push({
              label: rest,
              kind: K.Field,
              detail: `${f.cedarType}${f.required ? "" : " (optional: guard with has)"}`,
              documentation: [f.description, f.note].filter(Boolean).join("\n\n") || undefined,
              insertText: rest,
              range,
            });
          }
        }
        return { suggestions };
      }
      if (/(==|!=)\s*AgentCore::[\w:]*$/.test(line) || /\bAgentCore::[\w:]*$/.test(line)) {
        const literals = ctx.actions.flatMap((a) => a.fields.flatMap((f) => f.enumLiterals ?? []));
        const typed = line.match(/(AgentCore::[\w:]*)$/)![1];
        const r = new monaco.Range(position.lineNumber, position.column - typed.length, position.lineNumber, position.column);
        const entityTypes = ctx.entityTypes.map((t) => ({ label: `${t}::`, kind: K.Class, detail: "entity type", insertText: `${t}::`, range: r }));
        return {
          suggestions: [
            ...entityTypes,
            { label: 'AgentCore::Action::"', kind: K.Module, detail: "tool actions", insertText: 'AgentCore::Action::"', range: r },
            ...[...new Set(literals)].map((l) => ({ label: l, kind: K.EnumMember, detail: "enum value", insertText: l, range: r })),
          ],
        };
      }
      // Inside a Dogwood construct only its own words fit; at a statement's start or after when/unless they join Cedar's.
      if (dogwood && dogwood.context !== "effect" && dogwood.context !== "clause-tag") return { suggestions: dogwoodItems(dogwood) };
      return {
        suggestions: [
          ...SNIPPETS(ctx).map((s) => ({
            label: s.label,
            kind: K.Snippet,
            detail: s.detail,
            insertText: s.body,
            insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
            range,
          })),
          ...ctx.entityTypes.map((t) => ({ label: t, kind: K.Class, detail: "entity type", insertText: t, range })),
          ...(dogwood ? dogwoodItems(dogwood) : []),
        ],
      };
    },
  });

  const hover = monaco.languages.registerHoverProvider(CEDAR_LANGUAGE_ID, {
    provideHover(model, position) {
      const ctx = getContext();
      if (!ctx) return null;
      const line = model.getLineContent(position.lineNumber);
      for (const m of line.matchAll(/AgentCore::Action::"([^"]+)"/g)) {
        const from = m.index! + 1;
        if (position.column >= from && position.column <= from + m[0].length) {
          const action = ctx.actions.find((a) => a.id === m[1]);
          if (!action) return { contents: [{ value: `**${m[1]}** — not a tool of this gateway` }] };
          const fields = action.fields.filter((f) => !f.path.includes(".")).map((f) => `- \`${f.path}\`: ${f.cedarType}${f.required ? "" : " (optional)"}${f.description ? ` — ${f.description}` : ""}`);
          return { contents: [{ value: `**${action.id}**\n\n${action.description}` }, { value: fields.length ? `Input fields:\n${fields.join("\n")}` : "No input fields." }] };
        }
      }
      for (const m of line.matchAll(/context\.input((?:\.\w+)+)/g)) {
        const from = m.index! + 1;
        if (position.column < from || position.column > from + m[0].length) continue;
        // Hover shows the path up to the segment under the cursor.
        const segments = m[1].slice(1).split(".");
        let end = from + "context.input".length;
        let path = "";
        for (const seg of segments) {
          end += seg.length + 1;
          path = path ? `${path}.${seg}` : seg;
          if (position.column <= end) break;
        }
        const offset = model.getOffsetAt(position);
        const hits = actionsInScope(model.getValue(), offset, ctx).flatMap((a) => a.fields.filter((f) => f.path === path).map((f) => ({ a, f })));
        if (hits.length === 0) return { contents: [{ value: `\`context.input.${path}\` — no tool in scope has this field` }] };
        const { f } = hits[0];
        return {
          contents: [
            { value: `\`context.input.${path}\`: **${f.cedarType}**${f.required ? "" : " (optional)"}` },
            ...(f.description ? [{ value: f.description }] : []),
            ...(f.note ? [{ value: `_${f.note}_` }] : []),
            { value: `In: ${[...new Set(hits.map((h) => h.a.id))].join(", ")}` },
          ],
        };
      }
      return null;
    },
  });

  return { dispose: () => (completion.dispose(), hover.dispose()) };
}
