import type { Span } from "./source";

/**
 * A finding about Dogwood text. `note` is what the console does not check itself and leaves to the
 * service ("checked by the service when published"); errors and warnings are the console's own.
 */
export interface DogwoodProblem {
  severity: "error" | "warning" | "note";
  message: string;
  help?: string;
  span: Span;
  code: string;
}

/** Thrown by the parsers; the first syntax error of a block is reported, the rest of it is not read. */
export class DogwoodSyntaxError extends Error {
  constructor(
    message: string,
    readonly span: Span,
    readonly help?: string,
    readonly code = "dogwood-syntax",
  ) {
    super(message);
  }

  toProblem(): DogwoodProblem {
    return { severity: "error", message: this.message, help: this.help, span: this.span, code: this.code };
  }
}

/** What the console leaves to the service, in one phrase used everywhere. */
export const SERVICE_CHECKED = "checked by the service when published";
