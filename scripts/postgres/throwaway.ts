import { execFile, execFileSync } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const SCRIPT = path.join(import.meta.dirname, "server.sh");

export interface ThrowawayPostgres {
  /** A superuser URL (database `postgres`) on 127.0.0.1. */
  url: string;
  stop(): Promise<void>;
}

function started(stdout: string): { url: string; dir: string } {
  const value = (name: string) => new RegExp(`^export ${name}='([^']*)'$`, "m").exec(stdout)?.[1];
  const url = value("TEST_DATABASE_URL");
  const dir = value("PG_TEST_DIR");
  if (!url || !dir) throw new Error(`scripts/postgres/server.sh start printed no server: ${stdout}`);
  return { url, dir };
}

/** Starts a PostgreSQL server on a temp data dir and a free loopback port (scripts/postgres/server.sh). */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  let stdout: string;
  try {
    ({ stdout } = await run("bash", [SCRIPT, "start"], { timeout: 600_000 }));
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    throw new Error(stderr || (e instanceof Error ? e.message : String(e)));
  }
  const { url, dir } = started(stdout);
  return { url, stop: async () => void (await run("bash", [SCRIPT, "stop", dir], { timeout: 60_000 })) };
}

/** The same, synchronously (Playwright's config must know its servers before it returns); stop it with the dir. */
export function startThrowawayPostgresSync(): { url: string; dir: string } {
  return started(execFileSync("bash", [SCRIPT, "start"], { timeout: 600_000, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
}

export function stopThrowawayPostgresSync(dir: string): void {
  execFileSync("bash", [SCRIPT, "stop", dir], { timeout: 60_000, stdio: "ignore" });
}
