/**
 * One file served from memory with an ETag (so a returning visitor gets a 304, not 4 MB again) and its
 * pre-gzipped twin when the browser accepts gzip. The file is read on first request and kept; a file
 * that is missing (the Web Chat bundle before `npm run build`) is looked for again next time.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type restify from 'restify';

interface LoadedAsset {
  body: Buffer;
  gzipped?: Buffer;
  etag: string;
}

export interface StaticAssetOptions {
  contentType: string;
  cacheControl: string;
  /** What a 404 says when the file is not there (e.g. how to create it). */
  missingMessage: string;
}

export class StaticAsset {
  private loaded?: LoadedAsset;

  constructor(private readonly file: string, private readonly options: StaticAssetOptions) {}

  get exists(): boolean {
    return this.loaded !== undefined || fs.existsSync(this.file);
  }

  serve(req: restify.Request, res: restify.Response): void {
    const asset = this.load();
    if (!asset) {
      res.json(404, { error: 'NotFound', message: this.options.missingMessage });
      return;
    }
    const gzip = asset.gzipped !== undefined && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    // Each encoding is its own representation, so each gets its own (strong) ETag.
    const etag = gzip ? `"${asset.etag}-gz"` : `"${asset.etag}"`;
    res.header('ETag', etag);
    res.header('Cache-Control', this.options.cacheControl);
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    const body = gzip ? asset.gzipped! : asset.body;
    res.writeHead(200, {
      'Content-Type': this.options.contentType,
      'Content-Length': body.length,
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(body);
  }

  private load(): LoadedAsset | undefined {
    if (this.loaded) return this.loaded;
    if (!fs.existsSync(this.file)) return undefined;
    const body = fs.readFileSync(this.file);
    const gzipFile = `${this.file}.gz`;
    this.loaded = {
      body,
      gzipped: fs.existsSync(gzipFile) ? fs.readFileSync(gzipFile) : undefined,
      etag: createHash('sha1').update(body).digest('base64url'),
    };
    return this.loaded;
  }
}

/** A document rendered once at start-up (the page and embed.js carry the clinic's settings). */
export function serveRendered(res: restify.Response, body: string, contentType: string, cacheControl: string, extraHeaders: Record<string, string> = {}): void {
  const buffer = Buffer.from(body, 'utf8');
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': buffer.length, 'Cache-Control': cacheControl, 'X-Content-Type-Options': 'nosniff', ...extraHeaders });
  res.end(buffer);
}
