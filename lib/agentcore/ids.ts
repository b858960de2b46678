import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A lowercase id suffix like AgentCore's (`refundgateway-7k3m9x2p4q`). */
export function randomSuffix(length = 10): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

export const LOCAL_REGION = "us-east-1";
export const LOCAL_ACCOUNT = "123456789012";

export function arn(resource: string): string {
  return `arn:aws:bedrock-agentcore:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;
}
