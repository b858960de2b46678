import { AppError } from "@/lib/errors";

/** The console authors policies for AWS gateways; it does not create or change the gateways and targets themselves. */
export function managedInAgentCore(what: string): never {
  throw new AppError(
    "managed-in-agentcore",
    `On AWS, gateways and targets are managed in AgentCore: the console does not ${what}.`,
    undefined,
    "Use the AgentCore console, the AWS CLI or CreateGateway/CreateGatewayTarget; the gateway and its tools appear here once they exist. Creating gateways and targets works in the local workspace.",
  );
}
