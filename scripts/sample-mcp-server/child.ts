import { spawn } from "node:child_process";
import path from "node:path";

/** The sample server in a child process on a free port (an upstream has its own process); resolves once it prints its URL. */
export function startSampleServerProcess(env: Record<string, string> = {}): Promise<{ url: string; close(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "main.ts")], {
    env: { ...process.env, PORT: "0", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // It shares this process's stderr: it must not outlive it.
  const stop = () => child.kill();
  process.once("exit", stop);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the sample MCP server exited (${code})`)));
    child.stdout.on("data", (chunk: Buffer) => {
      const url = /on (http:\/\/\S+\/mcp)/.exec(chunk.toString())?.[1];
      if (url) resolve({ url, close: () => (process.off("exit", stop), child.kill()) });
    });
  });
}
