/** The read models are laid out by division: without a recorded tree there is nothing to read. */
export class NoDivisionTreeError extends Error {
  constructor() {
    super('no division tree is recorded yet: run `hearth divisions load FILE` first');
    this.name = 'NoDivisionTreeError';
  }
}
