/**
 * Runs a Policy Studio suite headless and exits non-zero when a case fails, so teams can gate policy
 * changes in their own CI:
 *
 *   npm run policy-test -- <suite.json> [--policies <file.cedar | dir of .cedar files>]
 *                          [--tools <tools.json> | --schema <schema.json | schema.cedarschema>]
 *                          [--gateway-arn <arn>] [--no-validate]
 *                          [--forbid-more-permissive [--baseline <file.cedar | dir>]]
 *
 * The suite file is what the console exports (format policy-studio-suite/1): the gateway's tools,
 * its published policies at export time (used when --policies is not given) and the cases.
 * --tools / --schema replace the suite's copy of the gateway's tools (e.g. the tools as they are now).
 *
 * A case is one call with its expected decision, or a session of calls with one expected decision
 * per call, each decided on what the earlier calls of the session recorded. A call whose decision
 * depends on something the console does not evaluate (a Dogwood construct, an output not given) is
 * UNDECIDED and fails: the suite cannot confirm it.
 *
 * --forbid-more-permissive compares the policies under test with the baseline (default: the suite's
 * published policies) for every caller and every argument of every tool (lib/analysis) and fails when
 * some call would be newly allowed, or when that cannot be ruled out.
 *
 * Exit codes: 0 every case passes; 1 a case fails, or a policy does not compile or validate, or
 * (with --forbid-more-permissive) the policies widen access; 2 the command line or a file is wrong.
 */
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { analyzeDraft } from "@/lib/analysis/analyze";
import { wideningReport } from "@/lib/analysis/gate";
import { smtSolver } from "@/lib/analysis/solver";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { generateSchema } from "@/lib/cedar/schema-from-tools";
import { checkDocument } from "@/lib/dogwood/check";
import { simGateway } from "@/lib/simulation/sim-gateway";
import { runSuite, type CallRun } from "@/lib/simulation/suite";
import { PolicySetCache } from "@/lib/simulation/policy-set";
import { SuiteFile } from "@/lib/simulation/schemas";
import { gatewayFromCedarSchema, toolsFromJson } from "@/lib/simulation/suite-file";
import type { SimGateway } from "@/lib/simulation/types";

const USAGE =
  "usage: npm run policy-test -- <suite.json> [--policies <file.cedar | directory>] [--tools <tools.json> | --schema <schema.json>] [--gateway-arn <arn>] [--no-validate] [--forbid-more-permissive [--baseline <file.cedar | directory>]]";

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const VALUE_FLAGS = new Set(["--policies", "--tools", "--schema", "--gateway-arn", "--baseline"]);
const argv = process.argv.slice(2);
const flags = new Map<string, string>();
const positional: string[] = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--help" || a === "-h") {
    console.log(USAGE);
    process.exit(0);
  } else if (VALUE_FLAGS.has(a)) {
    const v = argv[++i];
    if (!v || v.startsWith("--")) usage(`${a} needs a value.`);
    flags.set(a, v);
  } else if (a === "--no-validate" || a === "--forbid-more-permissive") flags.set(a, "");
  else if (a.startsWith("--")) usage(`Unknown option ${a}.`);
  else positional.push(a);
}
if (positional.length !== 1) usage(positional.length ? "Name exactly one suite file." : "Name the suite file.");
if (flags.has("--tools") && flags.has("--schema")) usage("Give --tools or --schema, not both.");
if (flags.has("--baseline") && !flags.has("--forbid-more-permissive")) usage("--baseline is the comparison point of --forbid-more-permissive; give both.");
const suitePath = positional[0];

function readText(at: string, what: string): string {
  try {
    return readFileSync(at, "utf8");
  } catch (e) {
    usage(`Cannot read ${what} ${at}: ${(e as Error).message}`);
  }
}

function readJsonFile(at: string, what: string): unknown {
  const text = readText(at, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    usage(`${at} is not JSON: ${(e as Error).message}`);
  }
}

const parsed = SuiteFile.safeParse(readJsonFile(suitePath, "the suite file"));
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  usage(`${suitePath} is not a suite file: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
}
const file = parsed.data;

function readPolicies(at: string): string {
  try {
    if (!statSync(at).isDirectory()) return readFileSync(at, "utf8");
    const files = readdirSync(at)
      .filter((f) => f.endsWith(".cedar"))
      .sort();
    if (files.length === 0) usage(`No .cedar files in ${at}.`);
    return files.map((f) => readFileSync(path.join(at, f), "utf8")).join("\n\n");
  } catch (e) {
    usage(`Cannot read policies at ${at}: ${(e as Error).message}`);
  }
}

function gatewayOf(): SimGateway {
  const arn = flags.get("--gateway-arn") ?? file.gateway.gatewayArn;
  const schemaAt = flags.get("--schema");
  if (schemaAt) {
    const text = readText(schemaAt, "the schema");
    let json: Record<string, unknown>;
    if (text.trimStart().startsWith("{")) json = JSON.parse(text) as Record<string, unknown>;
    else {
      const converted = cedar.schemaToJson(text);
      if (converted.type !== "success") usage(`${schemaAt} is not a Cedar schema: ${converted.errors[0]?.message}`);
      json = converted.json as unknown as Record<string, unknown>;
    }
    try {
      return gatewayFromCedarSchema(json, arn);
    } catch (e) {
      usage(`${schemaAt}: ${(e as Error).message}`);
    }
  }
  let tools = file.gateway.tools;
  let toolsArn: string | undefined;
  const toolsAt = flags.get("--tools");
  if (toolsAt) {
    try {
      ({ tools, gatewayArn: toolsArn } = toolsFromJson(readJsonFile(toolsAt, "the tools")));
    } catch (e) {
      usage(`${toolsAt}: ${(e as Error).message}`);
    }
  }
  if (tools.length === 0) usage("The suite file lists no tools; give --tools <tools.json> or --schema <schema.json>.");
  const principalType = file.gateway.principalType;
  const schema = generateSchema(tools, { principal: principalType, numbersAsDecimal: true, objectsAsRecords: true });
  return simGateway({ gatewayArn: flags.get("--gateway-arn") ?? toolsArn ?? arn, principalType, schemaJson: schema.json as Record<string, unknown>, tools });
}

const policiesAt = flags.get("--policies");
const policies = policiesAt ? readPolicies(policiesAt) : file.policies;
const gateway = gatewayOf();
const where = policiesAt ?? `${suitePath} (published policies at export)`;

let policyErrors = 0;
if (!flags.has("--no-validate")) {
  // Dogwood statements are checked as the editor checks them; what only the service checks is a note, not an error.
  // With --schema there are no JSON Schemas for the tools: action and field checks are left to the service then.
  const tools = flags.has("--schema") ? undefined : gateway.tools.map((t) => ({ ...t, description: "" }));
  const checked = checkDocument(cedar, policies, { schemaJson: gateway.schemaJson, tools });
  for (const d of checked.diagnostics) {
    if (d.severity !== "error") continue;
    policyErrors++;
    console.log(`ERROR ${where}:${d.startLine}:${d.startColumn}${d.policyId ? ` (${d.policyId})` : ""}: ${d.message}${d.help ? `\n      help: ${d.help}` : ""}`);
  }
  for (const n of checked.notes) console.log(`NOTE  ${where}:${n.line}:${n.column}${n.policyId ? ` (${n.policyId})` : ""}: ${n.message}`);
}
const compiled = new PolicySetCache(cedar).get(policies, gateway.schemaJson, "cli", gateway.tools);
if (flags.has("--no-validate")) {
  for (const p of compiled.problems) {
    policyErrors++;
    console.log(`ERROR policy ${p.id} does not compile and takes no part: ${p.message}`);
  }
}

const result = runSuite(file.cases, gateway, compiled, compiled);
const outcome = (r: CallRun) => {
  const why = r.draftDependsOn ? ` (${r.draftDependsOn})` : r.draftPolicies.length ? ` (by ${r.draftPolicies.join(", ")})` : r.invalid ? ` (${r.invalid})` : "";
  return `expected ${r.expected}, got ${r.draft}${why}`;
};
for (const r of result.runs) {
  const mark = r.draftPass ? "PASS" : "FAIL";
  if (!r.calls) {
    console.log(`${mark}  ${r.name}: ${outcome(r)}`);
    continue;
  }
  console.log(`${mark}  ${r.name}: a session of ${r.calls.length} call${r.calls.length === 1 ? "" : "s"}`);
  r.calls.forEach((c, i) => console.log(`      ${c.draftPass ? "pass" : "FAIL"} call ${i + 1}: ${outcome(c)}`));
}
console.log(`${result.draft.passed} passed, ${result.draft.failed} failed${policyErrors ? `; ${policyErrors} policy error${policyErrors === 1 ? "" : "s"}` : ""}`);

let widened = false;
if (flags.has("--forbid-more-permissive")) {
  const baselineAt = flags.get("--baseline");
  const report = await analyzeDraft(cedar, await smtSolver(), {
    gateway: { gatewayArn: gateway.gatewayArn, principalKind: gateway.principalType ?? "OAuthUser", schemaJson: gateway.schemaJson, tools: gateway.tools },
    publishedText: baselineAt ? readPolicies(baselineAt) : file.policies,
    draftText: policies,
    comparisonOnly: true,
  });
  const gate = wideningReport(report, baselineAt ?? `${suitePath} (published policies at export)`);
  for (const line of gate.lines) console.log(line);
  widened = !gate.ok;
}
process.exit(result.draft.failed > 0 || policyErrors > 0 || widened ? 1 : 0);
