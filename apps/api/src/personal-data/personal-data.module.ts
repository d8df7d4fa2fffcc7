import { DynamicModule, Module } from '@nestjs/common';
import { HouseholdDivisions } from '../commands/household-divisions';
import { AccessLogController } from './access-log.controller';
import { PersonalDataController } from './personal-data.controller';
import { PersonalDataGateway } from './personal-data.gateway';
import type { PersonalDataOptions } from './personal-data-options';

/**
 * The personal-data store's door in the service: the registrar's routes and the
 * auditor's access log, over one PersonalDataGateway. Imported by the AppModule, whose
 * guard and exception filter it relies on; the personal-data package itself knows no HTTP.
 */
@Module({})
export class PersonalDataModule {
  /** `now`: the service's clock (ISO strings), which dates access-log entries and tombstones. */
  static forRoot(options: PersonalDataOptions | undefined, now: () => string): DynamicModule {
    return {
      module: PersonalDataModule,
      controllers: [PersonalDataController, AccessLogController],
      providers: [{ provide: PersonalDataGateway, useFactory: () => PersonalDataGateway.open(options, now) }, HouseholdDivisions],
      exports: [PersonalDataGateway],
    };
  }
}
