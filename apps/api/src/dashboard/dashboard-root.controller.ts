import { Controller, Get, Res } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { RawResponse } from './dashboard.controller';

/** `npm start` then http://localhost:3000/ opens the dashboard. */
@Controller()
@Allow('public')
export class DashboardRootController {
  @Get()
  root(@Res() res: RawResponse): void {
    res.setHeader('Location', '/dashboard/');
    res.status(302).end();
  }
}
