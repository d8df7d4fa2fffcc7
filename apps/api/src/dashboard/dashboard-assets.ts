import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

/** What the browser is told each served file is; anything else is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

export interface Asset {
  readonly file: string;
  readonly contentType: string;
}

export interface AssetBody extends Asset {
  readonly body: Buffer;
  /** A strong validator of the content: with `Cache-Control: no-cache` the browser revalidates and gets 304s. */
  readonly etag: string;
}

/**
 * The dashboard's files, listed once when the module starts: a request names a key of this
 * list or gets nothing, so no request path ("..", encoded slashes, absolute paths) can
 * reach a file outside it. ECharts is served from the installed package (no CDN).
 */
export class DashboardAssets {
  private readonly assets: ReadonlyMap<string, Asset>;

  constructor(publicDir: string, vendor: Readonly<Record<string, string>>) {
    const assets = new Map<string, Asset>();
    const add = (key: string, file: string): void => {
      const contentType = CONTENT_TYPES[extname(file)];
      if (contentType !== undefined) assets.set(key, { file, contentType });
    };
    for (const file of filesUnder(publicDir)) add(relative(publicDir, file).split(sep).join('/'), file);
    for (const [key, file] of Object.entries(vendor)) add(key, file);
    this.assets = assets;
  }

  /** The asset at `path` ("js/main.js"; "" is index.html), or undefined. */
  find(path: string): Asset | undefined {
    return this.assets.get(path === '' ? 'index.html' : path);
  }

  keys(): readonly string[] {
    return [...this.assets.keys()].sort();
  }

  async read(asset: Asset): Promise<AssetBody> {
    const body = await readFile(asset.file);
    return { ...asset, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  }
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/** The dashboard as shipped: src/dashboard/public and ECharts' minified build. */
export const shippedAssets = (): DashboardAssets =>
  new DashboardAssets(join(__dirname, 'public'), { 'vendor/echarts.min.js': require.resolve('echarts/dist/echarts.min.js') });
