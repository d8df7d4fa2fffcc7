import { DynamicModule, Module, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { HOUSEHOLD_COMMAND_HANDLERS } from './commands/household-command-handlers';
import { HouseholdCommandExecutor } from './commands/household-command-executor';
import { RecordDivisionTreeHandler } from './commands/record-division-tree';
import type { HearthModuleAsyncOptions, HearthModuleOptions } from './hearth-module-options';
import { AUDIT_QUERY_HANDLERS } from './queries/audit-query-handlers';
import { REPORT_QUERY_HANDLERS } from './queries/report-query-handlers';
import { HearthReadSide } from './read-side/hearth-read-side';
import { HEARTH_LEDGER, HEARTH_OPTIONS, HEARTH_READ_SIDE } from './tokens';

const openLedger = (o: HearthModuleOptions): Promise<Ledger> =>
  Ledger.open({ storeUrl: o.store, policy: o.policy ?? referencePolicy, ...(o.now ? { now: o.now } : {}) });

const providers = (options: Provider): Provider[] => [
  options,
  { provide: HEARTH_LEDGER, useFactory: openLedger, inject: [HEARTH_OPTIONS] },
  HearthReadSide,
  { provide: HEARTH_READ_SIDE, useExisting: HearthReadSide },
  HouseholdCommandExecutor,
  ...HOUSEHOLD_COMMAND_HANDLERS,
  RecordDivisionTreeHandler,
  ...REPORT_QUERY_HANDLERS,
  ...AUDIT_QUERY_HANDLERS,
];

const exported = [HEARTH_LEDGER, HEARTH_READ_SIDE, HearthReadSide, CqrsModule];

/**
 * The ledger and its read side on @nestjs/cqrs buses: household commands on the
 * CommandBus (one handler per family), reports and the audit on the QueryBus, every
 * accepted event on the EventBus. Global: import it once, in the application's root module.
 */
@Module({})
export class HearthModule {
  static forRoot(options: HearthModuleOptions): DynamicModule {
    return {
      module: HearthModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: providers({ provide: HEARTH_OPTIONS, useValue: options }),
      exports: exported,
    };
  }

  static forRootAsync(options: HearthModuleAsyncOptions): DynamicModule {
    return {
      module: HearthModule,
      global: true,
      imports: [CqrsModule.forRoot(), ...(options.imports ?? [])],
      providers: providers({ provide: HEARTH_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }),
      exports: exported,
    };
  }
}
