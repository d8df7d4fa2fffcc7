import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Swagger UI files served under /api/docs, from the installed swagger-ui-dist (no CDN). Only these names are served. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
};

const distDir = (): string => dirname(require.resolve('swagger-ui-dist/package.json'));

export interface Asset {
  readonly contentType: string;
  readonly body: Buffer | string;
}

const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

const INDEX = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Hearth API</title>
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
  <link rel="stylesheet" href="/api/docs/index.css">
  <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script src="/api/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/api/docs/swagger-initializer.js"></script>
</body>
</html>
`;

const cache = new Map<string, Asset>();

/** The page, its initializer (pointing at our document), or one of the whitelisted dist files; undefined for any other name. */
export const docsAsset = (name: string): Asset | undefined => {
  if (name === 'index.html') return { contentType: 'text/html; charset=utf-8', body: INDEX };
  if (name === 'swagger-initializer.js') return { contentType: 'text/javascript; charset=utf-8', body: INITIALIZER };
  const contentType = ASSETS[name];
  if (contentType === undefined) return undefined;
  const cached = cache.get(name);
  if (cached) return cached;
  const asset = { contentType, body: readFileSync(join(distDir(), name)) };
  cache.set(name, asset);
  return asset;
};
