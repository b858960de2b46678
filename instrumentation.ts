/**
 * Runs once when a console server starts: TRACE-like methods get a JSON refusal, and a publish a
 * previous process died in the middle of is found and audited now, not first when someone opens
 * that gateway.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("@/lib/http/forbidden-methods")).refuseForbiddenMethods();
  const [{ defaultDeps }, { detectInterruptedOnStart }] = await Promise.all([import("@/lib/publishing/deps"), import("@/lib/publishing/recovery")]);
  try {
    const found = await detectInterruptedOnStart(await defaultDeps(null));
    if (found) console.warn(`[publish] ${found} interrupted publish(es) found on start: resume or roll them back from the gateway's Publish tab.`);
  } catch (e) {
    console.error(`[publish] checking for interrupted publishes failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
