import type { Role } from './token-entry';

/** Who is calling: the role and scope of their token, and the actor their events record. */
export interface Principal {
  readonly role: Role;
  /** For a caseworker: the division whose subtree they work in. */
  readonly division?: string;
  readonly actor: string;
}
