/**
 * One file served from memory, compressed for the browser: brotli where it is accepted, else gzip,
 * else as is. Big files (the Web Chat bundle) bring their compressed twins from the build
 * (`.br`, `.gz`); small ones are compressed once on first request. Each file has a content hash: a
 * URL carrying the current hash is cached for a year (`immutable`), since a new build changes the URL;
 * any other request revalidates with the ETag (304). A file that is missing (the bundle before
 * `npm run build`) is looked for again next time.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type restify from 'restify';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

type Encoding = 'br' | 'gzip' | 'identity';

interface LoadedAsset {
  bodies: Partial<Record<Encoding, Buffer>> & { identity: Buffer };
  hash: string;
}

export interface StaticAssetOptions {
  contentType: string;
  /** What a 404 says when the file is not there (e.g. how to create it). */
  missingMessage: string;
  /** Compress in memory when there is no twin on disk (small files only: brotli takes its time). */
  compressOnLoad?: boolean;
}

/** A year: the most browsers keep anything, and a hashed URL never changes its content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** The browser's preferred encoding among those we have (q=0 means "not this one"). */
export function pickEncoding(acceptEncoding: string | string[] | undefined, available: Encoding[]): Encoding {
  const accepted = new Map<string, number>();
  for (const part of String(acceptEncoding ?? '')
    .toLowerCase()
    .split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  for (const encoding of ['br', 'gzip'] as const) {
    if (available.includes(encoding) && (accepted.get(encoding) ?? 0) > 0) return encoding;
  }
  return 'identity';
}

export class StaticAsset {
  private loaded?: LoadedAsset;

  constructor(
    private readonly file: string,
    private readonly options: StaticAssetOptions,
  ) {}

  get exists(): boolean {
    return this.loaded !== undefined || fs.existsSync(this.file);
  }

  /** The content hash (12 hex digits) for versioned URLs; undefined while the file is missing. */
  get hash(): string | undefined {
    return this.load()?.hash;
  }

  /** @param requestedHash the hash in the URL, if any: only the current one may be cached for good. */
  serve(req: restify.Request, res: restify.Response, requestedHash?: string): void {
    const asset = this.load();
    if (!asset) {
      res.json(404, { error: 'NotFound', message: this.options.missingMessage });
      return;
    }
    const encoding = pickEncoding(req.headers['accept-encoding'], Object.keys(asset.bodies) as Encoding[]);
    // Each encoding is its own representation, so each gets its own (strong) ETag.
    const etag = `"${asset.hash}-${encoding}"`;
    res.header('ETag', etag);
    res.header('Cache-Control', requestedHash === asset.hash ? IMMUTABLE : REVALIDATE);
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    const body = asset.bodies[encoding]!;
    res.writeHead(200, {
      'Content-Type': this.options.contentType,
      'Content-Length': body.length,
      ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
    });
    res.end(body);
  }

  private load(): LoadedAsset | undefined {
    if (this.loaded) return this.loaded;
    if (!fs.existsSync(this.file)) return undefined;
    const identity = fs.readFileSync(this.file);
    const twin = (suffix: string) => (fs.existsSync(`${this.file}${suffix}`) ? fs.readFileSync(`${this.file}${suffix}`) : undefined);
    const compress = this.options.compressOnLoad;
    const br =
      twin('.br') ?? (compress ? brotliCompressSync(identity, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }) : undefined);
    const gzip = twin('.gz') ?? (compress ? gzipSync(identity, { level: 9 }) : undefined);
    this.loaded = {
      bodies: { identity, ...(br ? { br } : {}), ...(gzip ? { gzip } : {}) },
      hash: createHash('sha256').update(identity).digest('hex').slice(0, 12),
    };
    return this.loaded;
  }
}

/** A document rendered once at start-up (the page and embed.js carry the clinic's settings). */
export function serveRendered(
  res: restify.Response,
  body: string,
  contentType: string,
  cacheControl: string,
  extraHeaders: Record<string, string> = {},
): void {
  const buffer = Buffer.from(body, 'utf8');
  res.writeHead(200, {
    'Content-Type': contentType,
    'Content-Length': buffer.length,
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  res.end(buffer);
}
