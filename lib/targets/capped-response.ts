/**
 * Bounded reads of an upstream's answers: a server that streams without end or sends a huge body
 * is cut off at the cap instead of filling the console's memory.
 */

export class AnswerTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The answer is larger than ${maxBytes} bytes.`);
    this.name = "AnswerTooLarge";
  }
}

const NO_BODY = new Set([101, 204, 205, 304]);

/** The same response, whose body errors with AnswerTooLarge once more than `maxBytes` arrive. */
export function capResponse(res: Response, maxBytes: number): Response {
  if (!res.body || NO_BODY.has(res.status)) return res;
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    void res.body.cancel().catch(() => {});
    throw new AnswerTooLarge(maxBytes);
  }
  let size = 0;
  const limited = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) controller.error(new AnswerTooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Response(limited, { status: res.status, statusText: res.statusText, headers: res.headers });
}
