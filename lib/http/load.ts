import "server-only";
import { AppError, toAppError } from "@/lib/errors";

export type Loaded<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Runs a page's data load so that the page can render a specific error state instead of crashing. */
export async function load<T>(fn: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    if (!(e instanceof AppError)) console.error("[page] load failed:", e);
    const err = toAppError(e);
    return { ok: false, error: { code: err.code, message: err.message } };
  }
}
