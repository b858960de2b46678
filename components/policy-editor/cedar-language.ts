import type * as Monaco from "monaco-editor";

export const CEDAR_LANGUAGE_ID = "cedar";

/** Monaco's own themes, but with annotations (`@id(…)`) dark enough for WCAG AA contrast (vs draws them #808080, 3.9:1). */
export const CEDAR_THEMES = { light: "cedar-light", dark: "cedar-dark" } as const;

function defineCedarThemes(monaco: typeof Monaco): void {
  monaco.editor.defineTheme(CEDAR_THEMES.light, { base: "vs", inherit: true, rules: [{ token: "annotation", foreground: "5f5f5f" }], colors: {} });
  monaco.editor.defineTheme(CEDAR_THEMES.dark, { base: "vs-dark", inherit: true, rules: [{ token: "annotation", foreground: "b0b0b0" }], colors: {} });
}

/**
 * Syntax colouring and brackets for Cedar policies and the Dogwood superset AgentCore accepts
 * (Monarch tokenizer): Dogwood's effects, clause tags and temporal operators are keywords of their
 * own, durations (`30m`, `1h`) are numbers. Whole temporal blocks and guardrail calls are also marked
 * by decorations from `dogwoodRanges` (cedar-editor.tsx).
 */
export function registerCedarLanguage(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === CEDAR_LANGUAGE_ID)) return;
  defineCedarThemes(monaco);
  monaco.languages.register({ id: CEDAR_LANGUAGE_ID, extensions: [".cedar"], aliases: ["Cedar"] });
  monaco.languages.setLanguageConfiguration(CEDAR_LANGUAGE_ID, {
    comments: { lineComment: "//" },
    brackets: [
      ["{", "}"],
      ["[", "]"],
      ["(", ")"],
    ],
    autoClosingPairs: [
      { open: "{", close: "}" },
      { open: "[", close: "]" },
      { open: "(", close: ")" },
      { open: '"', close: '"', notIn: ["string"] },
    ],
    surroundingPairs: [
      { open: "{", close: "}" },
      { open: "(", close: ")" },
      { open: '"', close: '"' },
    ],
  });
  monaco.languages.setMonarchTokensProvider(CEDAR_LANGUAGE_ID, {
    keywords: ["permit", "forbid", "when", "unless", "if", "then", "else", "in", "has", "like", "is"],
    dogwood: ["suppressOutput", "temporal", "guardrails", "formerly", "previous", "since", "within", "exists", "count", "sum", "for", "where", "tp"],
    variables: ["principal", "action", "resource", "context"],
    constants: ["true", "false"],
    tokenizer: {
      root: [
        [/@[a-zA-Z_][\w]*/, "annotation"],
        [/[A-Z][\w]*(?=::)/, "type.identifier"],
        [
          /[a-zA-Z_][\w]*/,
          { cases: { "@keywords": "keyword", "@dogwood": "keyword.dogwood", "@variables": "variable.predefined", "@constants": "constant", "@default": "identifier" } },
        ],
        [/\/\/.*$/, "comment"],
        [/"/, "string", "@string"],
        [/\d+[smhd]\b/, "number.duration"],
        [/-?\d+/, "number"],
        [/==|!=|<=|>=|&&|\|\||[<>!+\-*]/, "operator"],
        [/::/, "delimiter"],
        [/[{}()[\]]/, "@brackets"],
        [/[;,.]/, "delimiter"],
      ],
      string: [
        [/[^\\"]+/, "string"],
        [/\\./, "string.escape"],
        [/"/, "string", "@pop"],
      ],
    },
  });
}
