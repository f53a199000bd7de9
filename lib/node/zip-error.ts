/** A zip that cannot be extracted safely or completely; the message names the entry or the damage. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipError";
  }
}
