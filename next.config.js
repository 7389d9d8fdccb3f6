// @ts-check
/**
 * Content-Security-Policy: only what the studio needs. tfjs compiles WebAssembly ('wasm-unsafe-eval'); the
 * engine runs in a Worker from 'self', and the threaded wasm backend starts its own workers from blobs; images,
 * audio and downloads use blob: and data: URLs; Next's hydration uses inline scripts. Nothing is loaded from
 * another origin, ever.
 */
const dev = process.env.NODE_ENV !== 'production';
const csp = [
  "default-src 'self'",
  // blob: for the threaded wasm backend: each of its threads imports tfjs's glue code from a blob URL.
  `script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' blob:${dev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: data:",
  "font-src 'self'",
  `connect-src 'self' blob: data:${dev ? ' ws:' : ''}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
module.exports = {
  poweredByHeader: false,
  reactStrictMode: true,
  allowedDevOrigins: ['127.0.0.1'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: csp },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          // Cross-origin isolation: SharedArrayBuffer for the engine's threaded wasm backend. Every asset is ours, so
          // require-corp costs nothing; CORP says our own responses may be embedded by our own pages.
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
          { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(self), microphone=(), geolocation=()' },
        ],
      },
      {
        // Weights live under /models/<id>/<version>/: a new export is a new path, so they never change.
        source: '/models/:id/:version/:file',
        headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }],
      },
      { source: '/sw.js', headers: [{ key: 'Cache-Control', value: 'no-cache' }] },
    ];
  },
};
