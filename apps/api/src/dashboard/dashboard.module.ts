import { Module } from '@nestjs/common';
import { DASHBOARD_ASSETS, DashboardController } from './dashboard.controller';
import { DashboardRootController } from './dashboard-root.controller';
import { shippedAssets } from './dashboard-assets';
import { ExportsController } from './exports.controller';

/**
 * The dashboard (static pages calling the HTTP API) and its spreadsheet exports. Imported by
 * the AppModule, whose guard, exception filter and HearthModule (QueryBus, ledger) it relies on.
 */
@Module({
  controllers: [DashboardController, DashboardRootController, ExportsController],
  providers: [{ provide: DASHBOARD_ASSETS, useFactory: shippedAssets }],
})
export class DashboardModule {}
