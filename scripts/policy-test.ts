/**
 * Runs a Policy Studio suite headless and exits non-zero when a case fails, so teams can gate policy
 * changes in their own CI:
 *
 *   npm run policy-test -- <suite.json> [--policies <file.cedar | dir of .cedar files>]
 *
 * The suite file is what the console exports (format policy-studio-suite/1): the gateway's tools,
 * its published policies at export time (used when --policies is not given) and the cases.
 */
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { runSuite } from "@/lib/simulation/compare";
import { PolicySetCache } from "@/lib/simulation/policy-set";
import { SuiteFile } from "@/lib/simulation/schemas";

function usage(message: string): never {
  console.error(`${message}\nusage: npm run policy-test -- <suite.json> [--policies <file.cedar | directory>]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const suitePath = args.find((a) => !a.startsWith("--"));
const policiesAt = args.includes("--policies") ? args[args.indexOf("--policies") + 1] : undefined;
if (!suitePath) usage("Name the suite file.");

let file: SuiteFile;
try {
  const parsed = SuiteFile.safeParse(JSON.parse(readFileSync(suitePath, "utf8")));
  if (!parsed.success) usage(`${suitePath} is not a suite file: ${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`);
  file = parsed.data;
} catch (e) {
  usage(`Cannot read ${suitePath}: ${(e as Error).message}`);
}

function readPolicies(at: string): string {
  try {
    if (!statSync(at).isDirectory()) return readFileSync(at, "utf8");
    return readdirSync(at)
      .filter((f) => f.endsWith(".cedar"))
      .sort()
      .map((f) => readFileSync(path.join(at, f), "utf8"))
      .join("\n\n");
  } catch (e) {
    usage(`Cannot read policies at ${at}: ${(e as Error).message}`);
  }
}

const policies = policiesAt ? readPolicies(policiesAt) : file.policies;
const schema = generateSchema(file.gateway.tools, { principal: file.gateway.principalType, numbersAsDecimal: true, objectsAsRecords: true });
const gateway = { gatewayArn: file.gateway.gatewayArn, schemaJson: schema.json as Record<string, unknown>, tools: file.gateway.tools };
const cache = new PolicySetCache(cedar);
const compiled = cache.get(policies, gateway.schemaJson, "cli");
for (const p of compiled.problems) console.warn(`warning: policy ${p.id} does not compile and takes no part: ${p.message}`);

const result = runSuite(file.cases, gateway, compiled, compiled);
for (const r of result.runs) {
  const mark = r.draftPass ? "PASS" : "FAIL";
  const why = r.draftPolicies.length ? ` (by ${r.draftPolicies.join(", ")})` : r.invalid ? ` (${r.invalid})` : "";
  console.log(`${mark}  ${r.name}: expected ${r.expected}, got ${r.draft}${why}`);
}
console.log(`${result.draft.passed} passed, ${result.draft.failed} failed`);
process.exit(result.draft.failed > 0 ? 1 : 0);
