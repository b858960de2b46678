import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The layers of lib/, lowest first. A module may import from its own folder and from lower layers
 * only — never upward and never sideways into a sibling folder of its layer — so there are no folder
 * cycles and pure code (cedar, mcp, simulation) cannot reach I/O. The base modules (errors, the
 * AgentCore domain types, naming rules and id shapes) sit below everything. tests/lint/layers.test.ts proves a
 * wrong import fails `npm run lint`.
 */
const BASE = ["errors", "cn", "json-limits", "zod-csp", "roles", "agentcore/types", "agentcore/names", "agentcore/ids"];
const LAYERS = [
  ["cedar"],
  ["mcp", "dogwood"],
  ["simulation"],
  ["analysis"],
  ["config"],
  ["store"],
  ["auth"],
  ["http"],
  ["demo"],
  ["agentcore"],
  ["workspace", "evidence", "targets"],
  ["gateway", "publishing", "drafting", "cedar-worker", "gateway-admin"],
  ["api-client"],
];

/** `@/lib/<folder>` and anything in it, but the base modules that live there. */
const inFolder = (folder) => {
  const keep = BASE.filter((b) => b.startsWith(`${folder}/`)).map((b) => b.slice(folder.length + 1));
  return `^@/lib/${folder}(/${keep.length ? `(?!(${keep.join("|")})$)` : ""}.*)?$`;
};

const layerRules = LAYERS.flatMap((layer, i) =>
  layer.map((folder) => {
    const forbidden = [...LAYERS.slice(i + 1).flat(), ...layer.filter((f) => f !== folder)];
    return {
      files: [`lib/${folder}/**/*.{ts,tsx}`, `lib/${folder}.ts`],
      ignores: BASE.map((b) => `lib/${b}.ts`),
      rules: {
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              ...forbidden.map((f) => ({ regex: inFolder(f), message: `lib/${folder} is below lib/${f} in the layer order (eslint.config.mjs): move the shared rule down, or call it from a higher layer.` })),
              { group: ["../*"], message: "Import across lib folders with @/lib/…, so the layer order can be checked." },
            ],
          },
        ],
      },
    };
  }),
);

const baseRule = {
  files: BASE.map((b) => `lib/${b}.ts`),
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: [{ regex: `^@/lib/(?!(${BASE.join("|")})$)`, message: "Base modules (errors, domain types, naming rules) import nothing else from lib/." }] },
    ],
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "drizzle/**", "pw-*-tmp.config.ts"],
  },
  {
    // Playwright fixtures call `use`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...layerRules,
  baseRule,
  {
    // Components talk to the server through the typed clients of lib/api-client, which encode every id.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-globals": ["error", { name: "fetch", message: "Call the feature's client in lib/api-client instead of fetch." }],
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@/lib/api-client/request", importNames: ["apiFetch", "apiStream", "gatewayPath"], message: "Call the feature's client in lib/api-client; it builds and encodes the URL." }] },
      ],
    },
  },
];

export default config;
