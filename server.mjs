// @ts-check
/**
 * The studio's server: Next.js behind a plain Node HTTP server, for one reason: Next's route handlers
 * cannot see the client's address, and the sharing API's rate limit needs it. This server works it out
 * from the socket and ATELIER_TRUSTED_PROXIES (how many reverse proxies in front of us append to
 * X-Forwarded-For) and hands it on in the x-atelier-client header, replacing anything a client sent.
 *
 *   node server.mjs            production (after `next build`); PORT (3000) and HOST (0.0.0.0)
 *   node server.mjs --dev      development, with hot reload
 *
 * On SIGTERM or SIGINT it shuts down gracefully: it stops accepting connections, closes idle kept-alive ones at
 * once and each busy one after its response (Connection: close), lets the requests in flight finish (up to
 * ATELIER_SHUTDOWN_S seconds, 20 by default), then closes the sharing store's database pool and exits 0.
 */
import { createServer } from 'node:http';
import next from 'next';

const dev = process.argv.includes('--dev');
let stopping = false;
/** The responses being made now. @type {Set<import('node:http').ServerResponse>} */
const inFlight = new Set();
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const trustedProxies = Number(process.env.ATELIER_TRUSTED_PROXIES ?? 0);
if (!Number.isInteger(trustedProxies) || trustedProxies < 0) {
  console.error(
    `ATELIER_TRUSTED_PROXIES must be 0 or a positive whole number, not "${process.env.ATELIER_TRUSTED_PROXIES}".`,
  );
  process.exit(1);
}

/** @param {import('node:http').IncomingMessage} req */
function clientAddress(req) {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return peer;
  // Each trusted proxy appended the address it saw; the entry before theirs is the client.
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)];
}

/**
 * A path whose percent-encoding does not decode (`/c/%`, `/api/creations/%ff`) makes Next answer a plain-text 500.
 * Escaping its percent signs turns it into an ordinary address that names nothing, which the app answers as any
 * other: a 404 page, or the API's JSON 404.
 * @param {string} url
 */
function withDecodablePath(url) {
  const at = url.search(/[?#]/);
  const path = at === -1 ? url : url.slice(0, at);
  try {
    decodeURIComponent(path);
    return url;
  } catch {
    return path.replaceAll('%', '%25') + (at === -1 ? '' : url.slice(at));
  }
}

const app = next({ dev, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();

/** The methods the studio answers; any other (TRACE, CONNECT, made-up ones) gets 405, which Next would answer 500. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const server = createServer((req, res) => {
  // Shutting down: a kept-alive connection closes after this response, so no new request starts on it; a response
  // still being made when the signal comes gets the same header then (shutDown), and its connection is closed as
  // soon as it has gone.
  if (stopping) res.setHeader('Connection', 'close');
  inFlight.add(res);
  res.on('close', () => inFlight.delete(res));
  res.on('finish', () => stopping && setImmediate(() => server.closeIdleConnections()));
  if (!METHODS.includes(req.method ?? '')) {
    res.writeHead(405, { Allow: METHODS.join(', '), 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: `The method ${req.method} is not allowed here.` }));
    return;
  }
  req.url = withDecodablePath(req.url ?? '/');
  req.headers['x-atelier-client'] = clientAddress(req);
  // With no trusted proxy, forwarded headers are only the client's claims: drop them (Next then fills
  // them in from the connection itself).
  if (trustedProxies === 0)
    for (const name of ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto']) delete req.headers[name];
  void handle(req, res);
}).listen(port, host, () => {
  console.log(
    `> Neural Atelier on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}${dev ? ' (development)' : ''}`,
  );
});

/** The sharing store of this process, if a request has opened it (server/instance.ts keeps it in this slot). */
async function closeSharingStore() {
  const slot = /** @type {Record<symbol, Promise<{ close(): Promise<void> }> | undefined>} */ (globalThis)[
    Symbol.for('neural-atelier.sharing-server')
  ];
  const store = await slot?.catch(() => null);
  await store?.close();
}

const shutdownMs = Number(process.env.ATELIER_SHUTDOWN_S ?? 20) * 1000;
/** @param {string} signal */
function shutDown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`> ${signal}: finishing the requests in flight, then stopping`);
  const deadline = setTimeout(() => {
    console.error(`> requests still running after ${shutdownMs / 1000} s: stopping anyway`);
    process.exit(1);
  }, shutdownMs);
  deadline.unref();
  // close() stops accepting and calls back once every connection has ended: idle keep-alive ones end now, busy ones
  // after their response (the handler's Connection: close, and closeIdleConnections once each response is done).
  server.close(() => {
    closeSharingStore().then(
      () => process.exit(0),
      (e) => {
        console.error('> closing the sharing store failed:', e);
        process.exit(1);
      },
    );
  });
  for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
  server.closeIdleConnections();
}
process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));
