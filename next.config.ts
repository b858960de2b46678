import type { NextConfig } from "next";

const dev = process.env.NODE_ENV === "development";

/**
 * Everything the console loads comes from its own origin (Monaco, the Cedar wasm, its workers), so
 * the policy can be strict. Next's inline bootstrap scripts need 'unsafe-inline' (no nonces with
 * static pages); WebAssembly needs 'wasm-unsafe-eval'; React's dev build needs 'unsafe-eval'.
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const nextConfig: NextConfig = {
  // These load their .wasm from disk with fs/__dirname (z3-solver: 35 MB, also its pthread script), so they must stay out of the server bundle.
  serverExternalPackages: ["@cedar-policy/cedar-wasm", "@cedar-policy/mcp-schema-generator-wasm", "@electric-sql/pglite", "z3-solver"],
  poweredByHeader: false,
  devIndicators: false,
  // `npm test` type-checks as its own step first; checking again inside the build only costs CI time.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
