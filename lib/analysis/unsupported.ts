/** A construct outside the encoded subset of Cedar, named for the person reading the answer. */
export class Unsupported extends Error {
  constructor(readonly construct: string) {
    super(`not in the encoded subset of Cedar: ${construct}`);
  }
}
