import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import { DashboardAssets } from './dashboard-assets';

/** The parts of Express's response this controller uses (@types/express is not installed). */
export interface RawResponse {
  status(code: number): RawResponse;
  setHeader(name: string, value: string): void;
  send(body: Buffer | string): void;
  end(): void;
}

/**
 * Everything the page loads comes from this origin: scripts, styles, the chart library;
 * fonts are the system's. The policy makes the browser refuse anything else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

export const DASHBOARD_ASSETS = Symbol('DASHBOARD_ASSETS');

/**
 * Serves the dashboard's static files under /dashboard/ (no build step: they are the sources).
 * Public: the page holds no data; it asks for a token and sends it with every API call.
 */
@Controller('dashboard')
@Allow('public')
export class DashboardController {
  constructor(@Inject(DASHBOARD_ASSETS) private readonly assets: DashboardAssets) {}

  @Get()
  index(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: RawResponse): Promise<void> {
    return this.serve('', ifNoneMatch, res);
  }

  @Get('*path')
  file(@Param('path') path: string | string[], @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: RawResponse): Promise<void> {
    return this.serve(Array.isArray(path) ? path.join('/') : path, ifNoneMatch, res);
  }

  private async serve(path: string, ifNoneMatch: string | undefined, res: RawResponse): Promise<void> {
    const asset = this.assets.find(path);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (asset === undefined) {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.status(404).send(JSON.stringify({ code: 'NOT_FOUND', message: `no dashboard file "${path}"` }));
      return;
    }
    const { body, etag, contentType } = await this.assets.read(asset);
    // No build step means no content-hashed file names: the browser must revalidate every file.
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', etag);
    if (contentType.startsWith('text/html')) {
      res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      res.setHeader('Referrer-Policy', 'no-referrer');
    }
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === etag)) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', contentType);
    res.status(200).send(body);
  }
}
