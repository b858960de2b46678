import { z } from "zod";

/**
 * The console's Content-Security-Policy forbids eval. Zod 4 probes `new Function` before its first
 * object parse, and the browser reports that as a violation even though zod catches the error;
 * jitless parsing never probes. Schemas the browser or the Cedar worker parses import `z` from here.
 */
z.config({ jitless: true });

export { z };
