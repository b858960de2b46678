import type { TestProject } from "vitest/node";
import { startThrowawayPostgres } from "@/scripts/postgres/throwaway";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL URL whose role may create databases: each test file makes its own. */
    postgresUrl: string;
  }
}

/** TEST_DATABASE_URL when given; otherwise a throwaway server for this run, stopped afterwards. */
export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  const server = given ? null : await startThrowawayPostgres();
  project.provide("postgresUrl", given ?? server!.url);
  return async () => {
    await server?.stop();
  };
}
