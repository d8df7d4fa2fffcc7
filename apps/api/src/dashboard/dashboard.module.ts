import { Module } from '@nestjs/common';
import { DASHBOARD_ASSETS, DashboardController } from './dashboard.controller';
import { shippedAssets } from './dashboard-assets';

/** The dashboard (static pages calling the HTTP API) and its spreadsheet exports. */
@Module({
  controllers: [DashboardController],
  providers: [{ provide: DASHBOARD_ASSETS, useFactory: shippedAssets }],
})
export class DashboardModule {}
