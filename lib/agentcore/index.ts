import "server-only";
import { config } from "@/lib/config";
import { getDb } from "@/lib/store/db";
import { createAwsControlPlane } from "./aws";
import { createLocalControlPlane } from "./local";
import type { ControlPlane } from "./types";

const holder = globalThis as unknown as { __policyStudioControlPlane?: Promise<ControlPlane> };

/** The active backend: the embedded workspace by default, AgentCore when a region and credentials are configured. */
export function getControlPlane(): Promise<ControlPlane> {
  holder.__policyStudioControlPlane ??= (async () => {
    const cfg = config();
    if (cfg.backend === "aws" && cfg.aws) return createAwsControlPlane(cfg.aws);
    return createLocalControlPlane(await getDb(), { publicUrl: cfg.publicUrl });
  })();
  return holder.__policyStudioControlPlane;
}

export type { ControlPlane } from "./types";
