import { SetMetadata } from '@nestjs/common';
import type { Role } from './token-entry';

export const ALLOWED_ROLES = 'hearth:allowed-roles';

/**
 * The roles that may call a route. A route without it is refused to everyone (deny by
 * default); `@Allow('public')` needs no token at all.
 */
export const Allow = (...roles: readonly (Role | 'public')[]) => SetMetadata(ALLOWED_ROLES, roles);
