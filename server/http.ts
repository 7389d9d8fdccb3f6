/**
 * The HTTP edge of the sharing API: JSON errors a person can read, a body read that stops at the size
 * limit, the rate limit, and the client's address as server.mjs determined it.
 */
import { readStream } from '../lib/streams';
import { sharingServer } from './instance';
import { isUploadError, UploadError } from './images';
import { guarded, isUnavailable } from './unavailable';

/** Set by server.mjs from the socket (and trusted proxies); anything a client sent under it is replaced. */
export const CLIENT_HEADER = 'x-atelier-client';

export const jsonError = (status: number, error: string, headers: Record<string, string> = {}) =>
  Response.json({ error }, { status, headers: { 'cache-control': 'no-store', ...headers } });

export function clientOf(req: Request): string {
  // Without server.mjs (plain `next start`) every client shares one budget: stricter, never looser.
  return req.headers.get(CLIENT_HEADER) ?? 'unknown';
}

/** 429 with Retry-After when the client is over its write budget, else null. */
export async function rateLimited(req: Request): Promise<Response | null> {
  const { limiter, config } = await sharingServer();
  const wait = await guarded('database', config.storeTimeoutMs, () => limiter.take(clientOf(req)));
  return wait > 0
    ? jsonError(429, `Too many requests from your address; try again in ${wait} s.`, { 'retry-after': String(wait) })
    : null;
}

/** The request's body, read no further than `maxBytes` (413 beyond it, by its declared length or as it arrives). */
async function readBody(req: Request, maxBytes: number, limit: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const tooLarge = () => new UploadError(413, `This ${limit}.`);
  if (Number(req.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
  if (!req.body) return null;
  return readStream(req.body, (total) => {
    if (total > maxBytes) throw tooLarge();
  });
}

/** The request's multipart form, read no further than the size limit. */
export async function readForm(req: Request, maxBytes: number): Promise<FormData> {
  const body = await readBody(
    req,
    maxBytes,
    `upload is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB the server accepts`,
  );
  if (!body) throw new UploadError(400, 'The upload is empty.');
  try {
    return await new Response(body, { headers: { 'content-type': req.headers.get('content-type') ?? '' } }).formData();
  } catch {
    throw new UploadError(400, 'The upload is not a multipart form.');
  }
}

/** A small JSON body (a PATCH's settings), read no further than `maxBytes`; null when it is not JSON. */
export async function readJson(req: Request, maxBytes = 1024): Promise<unknown> {
  const body = await readBody(req, maxBytes, `request's body is larger than the ${maxBytes} bytes it may be`);
  try {
    return body && JSON.parse(new TextDecoder().decode(body));
  } catch {
    return null;
  }
}

/**
 * The handler for each method a route does not answer: 405 with Allow naming those it does (Next's own 405 has no
 * Allow). `methods` are the route's own; HEAD and OPTIONS come with them from Next.
 */
export function notAllowed(...methods: string[]) {
  const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  return (req: Request) =>
    jsonError(405, `This address does not answer ${req.method}; it answers ${allow}.`, { allow });
}

/** Seconds a client is asked to wait after a 503 before trying again. */
export const RETRY_AFTER_S = 5;

/**
 * Turns the errors a handler throws into answers: UploadError says what the client got wrong (4xx); a database or
 * file store that failed or did not answer in time is 503 with Retry-After, in words that fit the request (a read
 * stores nothing, a write may be retried); anything else is ours (500).
 */
export async function answer(req: Request, handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (e) {
    if (isUploadError(e)) return jsonError(e.status, e.message);
    const write = req.method !== 'GET' && req.method !== 'HEAD';
    if (isUnavailable(e)) {
      console.error(`[sharing] ${req.method} ${new URL(req.url).pathname}: ${e.message}`, e.cause ?? '');
      const message = write
        ? `The sharing store is not answering, so this may not have been done. Try again in ${RETRY_AFTER_S} seconds.`
        : `The sharing store is not answering, so this could not be read. Try again in ${RETRY_AFTER_S} seconds.`;
      return jsonError(503, message, { 'retry-after': String(RETRY_AFTER_S) });
    }
    console.error('[sharing]', e);
    return jsonError(
      500,
      write ? 'The server could not do this; nothing was changed.' : 'The server could not read this.',
    );
  }
}
