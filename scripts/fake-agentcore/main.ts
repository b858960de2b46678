/** Runs the fake AgentCore control plane: `PORT=4566 npx tsx scripts/fake-agentcore/main.ts`. */
import { startFakeAgentCore } from "./server";
import { defaultSeed } from "./seed";

const fake = await startFakeAgentCore({ port: Number(process.env.PORT ?? 4566), seed: defaultSeed(Number(process.env.EXTRA_GATEWAYS ?? 0)) });
console.log(`Fake AgentCore control plane on ${fake.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void fake.close().then(() => process.exit(0)));
