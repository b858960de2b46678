import type * as Monaco from "monaco-editor";

export const CEDAR_LANGUAGE_ID = "cedar";

/**
 * Monaco's own themes, with every token Cedar's tokenizer produces at WCAG AA contrast (4.5:1) also on
 * a diff's changed lines: vs draws annotations #808080 (3.9:1) and numbers #098658, which a green
 * insertion background brings under 4.5:1. The diff backgrounds are a little lighter than Monaco's
 * so the ratios hold on the worst case, a changed word inside a changed line.
 */
export const CEDAR_THEMES = { light: "cedar-light", dark: "cedar-dark" } as const;

const PALETTES = {
  light: {
    base: "vs",
    tokens: { keyword: "0000ff", "variable.predefined": "3a4f8f", constant: "b00000", comment: "2a6118", number: "06613f", annotation: "555555", type: "005f5f", string: "a31515" },
    diff: { insertedLine: "#9bb9551f", insertedText: "#9ccc2c33", removedLine: "#ff000014", removedText: "#ff00001f" },
  },
  dark: {
    base: "vs-dark",
    tokens: { keyword: "6cb0ea", "variable.predefined": "9cbcff", constant: "7fc0ff", comment: "8fc57a", number: "b5cea8", annotation: "b8b8b8", type: "4ec9b0", string: "dca488" },
    diff: { insertedLine: "#9bb95514", insertedText: "#9ccc2c1f", removedLine: "#ff00001a", removedText: "#ff000026" },
  },
} as const;

function defineCedarThemes(monaco: typeof Monaco): void {
  for (const [scheme, palette] of Object.entries(PALETTES) as [keyof typeof PALETTES, (typeof PALETTES)[keyof typeof PALETTES]][]) {
    monaco.editor.defineTheme(CEDAR_THEMES[scheme], {
      base: palette.base,
      inherit: true,
      rules: Object.entries(palette.tokens).map(([token, foreground]) => ({ token, foreground })),
      colors: {
        "diffEditor.insertedLineBackground": palette.diff.insertedLine,
        "diffEditor.insertedTextBackground": palette.diff.insertedText,
        "diffEditor.removedLineBackground": palette.diff.removedLine,
        "diffEditor.removedTextBackground": palette.diff.removedText,
      },
    });
  }
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
