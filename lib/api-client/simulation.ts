import type { CallPrincipal } from "@/lib/mcp/principal";
import type { Corpus } from "@/lib/simulation/corpus";
import type { Persona, StoredTestCase, SuiteFile, TestCase } from "@/lib/simulation/schemas";
import { apiFetch, gatewayPath } from "./request";

/** Personas, test suites and the impact corpus of a gateway (docs/simulation.md#api). */

export const listPersonas = (gatewayId: string) => apiFetch<{ personas: Persona[] }>(gatewayPath(gatewayId, ["personas"]));

export const savePersona = (gatewayId: string, name: string, principal: CallPrincipal) =>
  apiFetch<Persona>(gatewayPath(gatewayId, ["personas", name]), { method: "PUT", body: principal });

export const deletePersona = (gatewayId: string, name: string) => apiFetch<{ deleted: string }>(gatewayPath(gatewayId, ["personas", name]), { method: "DELETE" });

export const listTestCases = (gatewayId: string) => apiFetch<{ suites: string[]; cases: StoredTestCase[] }>(gatewayPath(gatewayId, ["suites"]));

/** `ifNameTaken: "number"` for a name the console made up ("… (2)" when taken); otherwise a taken name is a 409. */
export const addTestCase = (gatewayId: string, testCase: TestCase & { suite?: string; ifNameTaken?: "refuse" | "number" }) =>
  apiFetch<{ testCase: StoredTestCase }>(gatewayPath(gatewayId, ["suites"]), { method: "POST", body: testCase });

export const updateTestCase = (gatewayId: string, id: number, change: Partial<TestCase & { suite: string }>) =>
  apiFetch<{ testCase: StoredTestCase }>(gatewayPath(gatewayId, ["suites", "cases", id]), { method: "PATCH", body: change });

export const deleteTestCase = (gatewayId: string, id: number) => apiFetch<{ deleted: number }>(gatewayPath(gatewayId, ["suites", "cases", id]), { method: "DELETE" });

export const deleteSuite = (gatewayId: string, suite: string) => apiFetch<{ suite: string; deleted: number }>(gatewayPath(gatewayId, ["suites"], { suite }), { method: "DELETE" });

export const importSuite = (gatewayId: string, file: SuiteFile | unknown) => apiFetch<{ suite: string; imported: number }>(gatewayPath(gatewayId, ["suites", "import"]), { method: "POST", body: file });

/** Where the browser downloads a suite file from. */
export const suiteExportUrl = (gatewayId: string, suite: string) => gatewayPath(gatewayId, ["suites", "export"], { suite });

export const getCorpus = (gatewayId: string, signal?: AbortSignal) =>
  apiFetch<Corpus & { cases: number; recorded: number; spans: number }>(gatewayPath(gatewayId, ["simulate", "corpus"]), { signal });
