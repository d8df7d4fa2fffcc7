/** A query that arrives after the module's shutdown began: the read models are closed. */
export class ModuleShutDownError extends Error {
  constructor() {
    super('the Hearth module is shut down: its read models are closed');
    this.name = 'ModuleShutDownError';
  }
}
