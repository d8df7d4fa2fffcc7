import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { MAX_BATCH } from '../api-options';
import { Allow } from '../auth/allow.decorator';
import { ApiError } from '../errors/api-error';
import { docsAsset } from './docs-assets';
import { openApiDocument } from './openapi-document';

/** The OpenAPI document and a browsable Swagger UI, both public (they describe the API, not its data). */
@Controller('api')
@Allow('public')
export class OpenApiController {
  private readonly document: Record<string, unknown>;

  constructor(@Inject(MAX_BATCH) maxBatch: number) {
    this.document = openApiDocument({ maxBatch });
  }

  @Get('openapi.json')
  openapi(): Record<string, unknown> {
    return this.document;
  }

  @Get('docs')
  docs(@Res() res: ServerResponse): void {
    send(res, 'index.html');
  }

  @Get('docs/:file')
  asset(@Param('file') file: string, @Res() res: ServerResponse): void {
    send(res, file);
  }
}

const send = (res: ServerResponse, name: string): void => {
  const asset = docsAsset(name);
  if (!asset) throw new ApiError(404, { code: 'NOT_FOUND', message: `no such file: ${name}` });
  res.statusCode = 200;
  res.setHeader('Content-Type', asset.contentType);
  res.setHeader('Content-Length', Buffer.byteLength(asset.body));
  res.end(asset.body);
};
