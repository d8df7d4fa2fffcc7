/** A query whose parameter is malformed (a year that is not a year, a month that is not YYYY-MM…): nothing was read. */
export class InvalidQueryError extends Error {
  constructor(
    /** The parameter at fault, as the query names it. */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}
