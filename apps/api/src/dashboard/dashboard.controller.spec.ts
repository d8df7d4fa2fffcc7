import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../app';

describe('the dashboard\'s static files (no token needed: the page holds no data)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    // The whole app, so that its deny-by-default guard is in front of these routes too.
    app = await createApp({ store: 'memory:', tokens: [], logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('sends / to the dashboard', async () => {
    const res = await request(app.getHttpServer()).get('/').expect(302);
    expect(res.headers['location']).toBe('/dashboard/');
  });

  it('serves the page with a content security policy that allows this origin only', async () => {
    for (const path of ['/dashboard', '/dashboard/', '/dashboard/index.html']) {
      const res = await request(app.getHttpServer()).get(path).expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<script type="module" src="/dashboard/js/main.js">');
    }
  });

  it('serves scripts, styles and the installed ECharts with their content types', async () => {
    const js = await request(app.getHttpServer()).get('/dashboard/js/pages/clearance.js').expect(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    const css = await request(app.getHttpServer()).get('/dashboard/styles.css').expect(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const echarts = await request(app.getHttpServer()).get('/dashboard/vendor/echarts.min.js').expect(200);
    expect(echarts.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(echarts.text.length).toBeGreaterThan(500_000);
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await request(app.getHttpServer()).get('/dashboard/js/main.js').expect(200);
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request(app.getHttpServer()).get('/dashboard/js/main.js').set('If-None-Match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    await request(app.getHttpServer()).get('/dashboard/js/main.js').set('If-None-Match', '"something-else"').expect(200);
  });

  it.each([
    '/dashboard/../dashboard.module.ts',
    '/dashboard/%2e%2e/dashboard.module.ts',
    '/dashboard/..%2fdashboard.module.ts',
    '/dashboard/js/..%2f..%2fdashboard.controller.ts',
    '/dashboard/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
    '/dashboard/vendor/..%2f..%2f..%2f..%2f..%2fpackage.json',
    '/dashboard/%2fetc%2fpasswd',
    '/dashboard/dashboard.module.ts',
    '/dashboard/js',
    '/dashboard/js/missing.js',
  ])('finds nothing outside its own files: %s', async (path) => {
    const res = await request(app.getHttpServer()).get(path);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('@Module');
    expect(res.text).not.toContain('"workspaces"');
    expect(res.text).not.toContain('root:');
  });
});
