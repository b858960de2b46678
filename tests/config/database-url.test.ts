import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { readConfig as readConfigOf } from "@/lib/config";
import { openDb } from "@/lib/store/db";

const readConfig = (env: Record<string, string>) => readConfigOf(env as NodeJS.ProcessEnv);

describe("DATABASE_URL", () => {
  it("selects a PostgreSQL store when set, and the embedded one when unset or empty", () => {
    expect(readConfig({ DATABASE_URL: "postgres://ps:secret@db.internal:5432/policy_studio?sslmode=require" }).databaseUrl).toBe(
      "postgres://ps:secret@db.internal:5432/policy_studio?sslmode=require",
    );
    expect(readConfig({ DATABASE_URL: "postgresql://localhost/ps" }).databaseUrl).toBe("postgresql://localhost/ps");
    expect(readConfig({}).databaseUrl).toBeUndefined();
    expect(readConfig({ DATABASE_URL: "" }).databaseUrl).toBeUndefined();
  });

  it("refuses what is not a PostgreSQL URL, naming the variable and never repeating the password", () => {
    for (const bad of ["mysql://ps:secret@db/ps", "secret", "http://ps:secret@db/ps"]) {
      let message = "";
      try {
        readConfig({ DATABASE_URL: bad });
      } catch (e) {
        message = (e as Error).message;
        expect(e).toMatchObject({ code: "config-invalid" });
      }
      expect(message).toContain("DATABASE_URL must be a PostgreSQL URL such as postgres://");
      expect(message).not.toContain("secret");
    }
  });

  it("that cannot be reached fails with one 503 naming the server, without the password", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const opening = openDb(`postgres://ps:hunter2@127.0.0.1:${port}/ps`);
    await expect(opening).rejects.toMatchObject({ code: "store-unavailable", status: 503 });
    const message = await opening.catch((e: Error) => e.message);
    expect(message).toContain(`postgres://ps:***@127.0.0.1:${port}/ps`);
    expect(message).toContain("ECONNREFUSED");
    expect(message).not.toContain("hunter2");
  });
});
