/** Runs the fake AgentCore control plane: `PORT=4566 npx tsx scripts/fake-agentcore/main.ts` (`SEED=dogwood` adds temporal and generated policies). */
import { startFakeAgentCore } from "./server";
import { defaultSeed, dogwoodSeed } from "./seed";

const seed = process.env.SEED === "dogwood" ? dogwoodSeed() : defaultSeed(Number(process.env.EXTRA_GATEWAYS ?? 0));
const fake = await startFakeAgentCore({ port: Number(process.env.PORT ?? 4566), seed });
console.log(`Fake AgentCore control plane on ${fake.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void fake.close().then(() => process.exit(0)));
