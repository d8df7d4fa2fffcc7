import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../errors/api-error';
import { ALLOWED_ROLES } from './allow.decorator';
import type { Principal } from './principal';
import type { Role } from './token-entry';
import { TokenRegistry } from './token-registry';

export type AuthenticatedRequest = IncomingMessage & { principal?: Principal };

const ROLE_TASKS: Readonly<Record<Role, string>> = {
  caseworker: 'a caseworker records commands and reads inside their division',
  auditor: 'an auditor reads every history, report and the verification, and records nothing',
  analyst: 'an analyst reads reports only, with small counts suppressed',
};

/**
 * Every route: the bearer token names a principal (401 otherwise) whose role the route
 * allows (403 otherwise). Routes say which roles with @Allow; without it nobody passes.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenRegistry) private readonly tokens: TokenRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const allowed = this.reflector.getAllAndOverride<readonly (Role | 'public')[] | undefined>(ALLOWED_ROLES, [context.getHandler(), context.getClass()]) ?? [];
    if (allowed.includes('public')) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new ApiError(401, { code: 'UNAUTHENTICATED', message: 'send Authorization: Bearer <token>' });
    const principal = this.tokens.find(match[1] as string);
    if (!principal) throw new ApiError(401, { code: 'UNAUTHENTICATED', message: 'the token is not known' });
    if (!allowed.includes(principal.role)) throw ApiError.forbidden(`the ${principal.role} role may not do this: ${ROLE_TASKS[principal.role]}`);
    req.principal = principal;
    return true;
  }
}
