/** Runs the fake Anthropic API: `PORT=4577 npx tsx --conditions=react-server scripts/fake-anthropic/main.ts`. */
import { startFakeAnthropic } from "./server";

const fake = await startFakeAnthropic(Number(process.env.PORT ?? 4577));
console.log(`Fake Anthropic API on ${fake.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void fake.close().then(() => process.exit(0)));
