/**
 * AgentCore's rules for a gateway target's name and description (CreateGatewayTarget: name pattern
 * `([0-9a-zA-Z][-]?){1,100}`, unique within the gateway; description 1–200 characters; at most 100
 * targets per gateway). Pure; the local adapter calls `assertNewTarget` before it writes anything.
 */
import { GATEWAY_NAME } from "@/lib/agentcore/names";
import { AppError } from "@/lib/errors";
import { GATEWAY_LIMITS } from "./limits";
import { describeProblem, type TargetProblem } from "./problems";

const TARGET_NAME = GATEWAY_NAME;

export function checkTargetName(name: unknown): TargetProblem[] {
  if (typeof name !== "string" || name === "") {
    return [{ severity: "error", field: "name", message: "A target needs a name." }];
  }
  if (name.length > GATEWAY_LIMITS.targetNameChars) {
    return [{ severity: "error", field: "name", message: `The target name is ${name.length} characters; AgentCore allows at most ${GATEWAY_LIMITS.targetNameChars}.` }];
  }
  if (!TARGET_NAME.test(name)) {
    const suggestion = name.replace(/[^0-9a-zA-Z-]+/g, "-").replace(/-{2,}/g, "-").replace(/^-+/, "");
    return [
      {
        severity: "error",
        field: "name",
        message: `"${name}" is not a valid target name: AgentCore allows letters, digits and single hyphens, starting with a letter or digit (no underscores, spaces or dots).`,
        help: `Tool names become <Target>___<tool>, so the target name cannot contain "_"${suggestion && TARGET_NAME.test(suggestion) ? `; try "${suggestion}"` : ""}.`,
      },
    ];
  }
  return [];
}

export function checkTargetDescription(description: unknown): TargetProblem[] {
  if (description === undefined) return [];
  if (typeof description !== "string" || description === "" || description.length > GATEWAY_LIMITS.targetDescriptionChars) {
    return [{ severity: "error", field: "description", message: `A target description is 1–${GATEWAY_LIMITS.targetDescriptionChars} characters of text.` }];
  }
  return [];
}

/**
 * Everything about a new target's identity: name rules, uniqueness among the gateway's targets
 * (exact match, as the service compares names) and the per-gateway target quota.
 */
export function checkNewTarget(target: { name: unknown; description?: unknown }, existingNames: readonly string[]): TargetProblem[] {
  const problems = [...checkTargetName(target.name), ...checkTargetDescription(target.description)];
  if (typeof target.name === "string" && existingNames.includes(target.name)) {
    problems.push({ severity: "error", field: "name", message: `This gateway already has a target named "${target.name}"; target names are unique within a gateway.` });
  }
  if (existingNames.length >= GATEWAY_LIMITS.targetsPerGateway) {
    problems.push({ severity: "error", message: `This gateway has ${existingNames.length} targets, AgentCore's default limit per gateway (${GATEWAY_LIMITS.targetsPerGateway}).` });
  }
  return problems;
}

/** Throws the AppError a route answers with: 409 for a taken name or a full gateway, 400 otherwise. */
export function assertNewTarget(target: { name: unknown; description?: unknown }, existingNames: readonly string[]): void {
  const problems = checkNewTarget(target, existingNames);
  if (problems.length === 0) return;
  const code =
    existingNames.length >= GATEWAY_LIMITS.targetsPerGateway
      ? "target-limit-reached"
      : typeof target.name === "string" && existingNames.includes(target.name)
        ? "target-name-taken"
        : "target-name-invalid";
  throw new AppError(code, problems.map(describeProblem).join(" "), { problems });
}
