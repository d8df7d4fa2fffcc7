import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { HearthModule } from '@hearth/nest';
import { ApiOptions, BODY_LIMIT, CLOCK, DEFAULT_BODY_LIMIT, DEFAULT_MAX_BATCH, MAX_BATCH } from './api-options';
import { AuthGuard } from './auth/auth.guard';
import { TokenRegistry } from './auth/token-registry';
import { BatchAnswers } from './commands/batch-answers';
import { CommandService } from './commands/command-service';
import { DashboardModule } from './dashboard/dashboard.module';
import { CommandsController } from './commands/commands.controller';
import { HouseholdDivisions } from './commands/household-divisions';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { HealthController } from './health/health.controller';
import { parseByteSize } from './http/byte-size';
import { FreshTreeMiddleware } from './http/fresh-tree.middleware';
import { JsonBodyMiddleware } from './http/json-body.middleware';
import { rateLimitsFromEnv } from './limits/rate-limit-settings';
import { RateLimitMiddleware } from './limits/rate-limit.middleware';
import { RATE_CLOCK, RATE_LIMITS, RateLimiter } from './limits/rate-limiter';
import { NoStoreMiddleware } from './http/no-store.middleware';
import { RequestLogMiddleware } from './http/request-log.middleware';
import { OpenApiController } from './openapi/openapi.controller';
import { AnchorController } from './reads/anchor.controller';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { SessionController } from './auth/session.controller';
import { DivisionsController } from './reads/divisions.controller';
import { HouseholdsController } from './reads/households.controller';
import { ReportsController } from './reads/reports.controller';
import { VerifyController } from './reads/verify.controller';

/**
 * The HTTP service: HearthModule's buses behind controllers, one guard (bearer token and
 * role, deny by default: a route names its roles with @Allow), one exception filter and
 * one JSON body reader for every route.
 */
@Module({})
export class AppModule implements NestModule {
  static forRoot(options: ApiOptions): DynamicModule {
    const bodyLimit = parseByteSize(options.bodyLimit ?? DEFAULT_BODY_LIMIT);
    if (bodyLimit === undefined) throw new Error(`bodyLimit "${options.bodyLimit}" is not a size (e.g. 100kb, 1mb)`);
    const now = options.now ?? (() => new Date().toISOString());
    return {
      module: AppModule,
      imports: [HearthModule.forRoot({ store: options.store, now, ...(options.readModels !== undefined ? { readModels: options.readModels } : {}), ...(options.policy ? { policy: options.policy } : {}), ...(options.stopRequested ? { stopRequested: options.stopRequested } : {}) }), DashboardModule, PersonalDataModule.forRoot(options.personalData, now)],
      controllers: [CommandsController, HouseholdsController, ReportsController, DivisionsController, VerifyController, AnchorController, HealthController, OpenApiController, SessionController],
      providers: [
        { provide: TokenRegistry, useValue: new TokenRegistry(options.tokens) },
        { provide: BODY_LIMIT, useValue: bodyLimit },
        { provide: MAX_BATCH, useValue: options.maxBatch ?? DEFAULT_MAX_BATCH },
        { provide: CLOCK, useValue: now },
        { provide: RATE_LIMITS, useValue: options.rateLimit ?? rateLimitsFromEnv(process.env) },
        { provide: RATE_CLOCK, useValue: () => performance.now() },
        RateLimiter,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        HouseholdDivisions,
        CommandService,
        BatchAnswers,
      ],
      exports: [TokenRegistry, CLOCK],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLogMiddleware, NoStoreMiddleware, RateLimitMiddleware, JsonBodyMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
    // The health route reads the store itself and says when it does not answer (decision 0040).
    consumer.apply(FreshTreeMiddleware).exclude({ path: 'health', method: RequestMethod.GET }).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
