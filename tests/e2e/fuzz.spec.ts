// 2,000 hostile requests against server.mjs across the sharing routes, seeded: damaged recipes and multipart bodies,
// odd methods, path tricks, control characters, huge numbers, forged tokens. Each case names the status it must get
// (a catch-all 400, a 429 or a 5xx fails it), and the server's log must hold no error when it is done.
import { expect, test } from '@playwright/test';
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { decodeRecipe, encodeRecipe, frameAsText } from '../../lib/share/codec';
import { FIELD } from '../../lib/share/limits';
import { mulberry32 } from '../../models/core/random';
import { freePort } from '../support/postgres';
import { smallDream } from './helpers';
import { creationForm, type ServerProcess, startServer, tinyPng } from './server-process';

interface Case {
  family: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: BodyInit;
  /** the status it must get */
  status: number;
}

const DATA_DIR = '.e2e-data/fuzz';
/** File names that try to leave a creation's folder or end early. */
const FILE_TRICKS = ['..%2F..%2Fcreations.db', 'output%00', 'thumb.'];

/** One request by node:http (fetch refuses methods such as TRACE); a form body is encoded as fetch would. */
async function send(url: string, c: Case): Promise<{ status: number; allow?: string; text: string }> {
  const encoded = c.body === undefined ? null : new Request(url, { method: 'POST', body: c.body, headers: c.headers });
  const body = encoded ? new Uint8Array(await encoded.arrayBuffer()) : null;
  const headers = encoded ? Object.fromEntries(encoded.headers) : {};
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: c.method, headers: { ...headers, 'content-length': body?.length ?? 0 } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A recipe as a link carries it, whatever it holds (encodeRecipe refuses an invalid one). */
async function packUnchecked(recipe: object): Promise<string> {
  const json = new Blob([JSON.stringify(recipe)]).stream().pipeThrough(new CompressionStream('deflate'));
  return frameAsText(new Uint8Array(await new Response(json).arrayBuffer()));
}

test('2,000 hostile requests each get the status they should, and the server logs no error', async () => {
  test.setTimeout(180_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  const server: ServerProcess = await startServer(await freePort(), {
    ATELIER_DATA_DIR: DATA_DIR,
    ATELIER_RATE_LIMIT: '100000/60',
  });
  try {
    const random = mulberry32(2026);
    const int = (n: number) => Math.floor(random() * n);
    const pick = <T>(items: readonly T[]) => items[int(items.length)];
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
    const text = (n: number, alphabet: string) => Array.from({ length: n }, () => pick([...alphabet])).join('');
    const tricky = 'abcXYZ019-_.~%/\\\u0001\u0000\u007f\u202e\u{1f600}é<>"\'`${}[];:&?#=+ ';
    const png = await tinyPng(1);

    const made = await fetch(`${server.url}/api/creations`, { method: 'POST', body: await creationForm(1) });
    expect(made.status).toBe(201);
    const { id, deleteToken } = (await made.json()) as { id: string; deleteToken: string };
    const validRecipe = await encodeRecipe(smallDream({ seed: 3 }));

    /** A multipart upload of `recipe` with a good output image, unless `output` is given. */
    const upload = (recipe: string, extra: Record<string, string | Uint8Array> = {}) => {
      const form = new FormData();
      form.set(FIELD.recipe, recipe);
      form.set(FIELD.output, new Blob([new Uint8Array(png)], { type: 'image/png' }));
      for (const [name, value] of Object.entries(extra))
        form.set(name, typeof value === 'string' ? value : new Blob([new Uint8Array(value)]));
      return form;
    };
    /** An upload of `recipe`: stored (201) when the codec reads it, else refused (400). */
    const uploadOf = async (family: string, recipe: string): Promise<Case> => {
      const valid = await decodeRecipe(recipe).then(
        () => true,
        () => false,
      );
      return { family, method: 'POST', path: '/api/creations', body: upload(recipe), status: valid ? 201 : 400 };
    };
    /** Another id in the share-id pattern than the one that exists. */
    const otherId = () => text(22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
    const segment = () => encodeURIComponent(text(1 + int(60), tricky));

    const cases: Case[] = [];
    const add = (count: number, make: () => Case | Promise<Case>) => Array.from({ length: count }, make);
    const families = [
      // Reads of creations and files that are not there, with ids and names full of tricks: 404.
      ...add(250, () => ({ family: 'read', method: 'GET', path: `/api/creations/${segment()}`, status: 404 })),
      ...add(150, () => ({
        family: 'file',
        method: 'GET',
        path: `/api/creations/${pick([id, otherId(), segment()])}/files/${pick(FILE_TRICKS.concat(segment()))}`,
        status: 404,
      })),
      // Changes with forged, missing or damaged tokens: 403 on the creation that exists, 404 on any other.
      ...add(300, () => {
        const target = pick([id, otherId()]);
        const auth = pick([
          '',
          'Bearer ',
          `Bearer ${text(1 + int(40), 'abcXYZ09-_')}`,
          `Basic ${deleteToken}`,
          `bearer ${text(20, 'a-z%!')}`,
        ]);
        return {
          family: 'forged token',
          method: pick(['DELETE', 'PATCH']),
          path: `/api/creations/${target}`,
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify({ listed: true }),
          status: target === id ? 403 : 404,
        };
      }),
      // The right token with bodies that are not {"listed": boolean}: 400; too long: 413.
      ...add(150, () => {
        const body = pick([
          '',
          'null',
          '{"listed":"yes"}',
          `{"listed":${1e308}}`,
          text(int(300), tricky),
          JSON.stringify({ listed: [true] }),
          `{"listed":true${' '.repeat(2000)}}`,
        ]);
        return {
          family: 'patch body',
          method: 'PATCH',
          path: `/api/creations/${id}`,
          headers: { authorization: `Bearer ${deleteToken}`, 'content-type': 'application/json' },
          body,
          status: new TextEncoder().encode(body).length > 1024 ? 413 : 400,
        };
      }),
      ...add(100, () => ({
        family: 'report',
        method: 'POST',
        path: `/api/creations/${pick([otherId(), segment()])}/report`,
        status: 404,
      })),
      // Recipes damaged by truncation, flipped characters and junk: 400 unless the damage left a valid recipe.
      ...add(400, async () => {
        const chars = [...validRecipe];
        const damage = int(3);
        if (damage === 0) chars.length = int(chars.length);
        if (damage === 1) for (let k = 0; k <= int(4); k++) chars[int(chars.length)] = pick([...tricky]);
        const recipe = damage === 2 ? text(int(400), tricky) : chars.join('');
        return uploadOf('recipe', recipe);
      }),
      // Recipes that parse but hold huge, negative or fractional numbers: 400.
      ...add(100, async () => {
        const field = pick(['size', 'steps', 'octaves', 'seed', 'jitter'] as const);
        const value = pick([1e308, -1, 0.5, 2 ** 53, -0, Number.MAX_SAFE_INTEGER]);
        const recipe = await packUnchecked({ ...smallDream(), [field]: value });
        return uploadOf('numbers', recipe);
      }),
      // Bodies that are not multipart forms, or forms without a recipe: 400.
      ...add(200, () => ({
        family: 'multipart',
        method: 'POST',
        path: '/api/creations',
        headers: pick([
          { 'content-type': `multipart/form-data; boundary=${text(1 + int(30), 'abc-_')}` },
          { 'content-type': 'application/json' },
          { 'content-type': 'text/plain' },
        ]),
        body: bytes(int(3000)),
        status: 400,
      })),
      // Output images that are no image (415) or a PNG's first bytes and then junk (422).
      ...add(150, () => {
        const junkOnly = random() < 0.5;
        const output = junkOnly
          ? Uint8Array.from([0x00, ...bytes(10 + int(500))])
          : Uint8Array.from([...png.subarray(0, 33), ...bytes(10 + int(500))]);
        const form = upload(validRecipe);
        form.set(FIELD.output, new Blob([output]));
        return { family: 'image', method: 'POST', path: '/api/creations', body: form, status: junkOnly ? 415 : 422 };
      }),
      // Titles full of control characters and emoji, any length, are cleaned and cut: 201. Text fields on an image
      // creation: 400.
      ...add(100, () => ({
        family: 'title',
        method: 'POST',
        path: '/api/creations',
        body: upload(validRecipe, { [FIELD.title]: text(int(5000), tricky) }),
        status: 201,
      })),
      ...add(50, () => ({
        family: 'text on an image',
        method: 'POST',
        path: '/api/creations',
        body: upload(validRecipe, { [FIELD.text]: text(int(50), tricky) }),
        status: 400,
      })),
      // Methods the routes do not answer: 405 with Allow. A method HTTP does not know (FOO) never reaches the studio:
      // Node's parser answers 400.
      ...add(150, () => {
        const path = pick([
          '/api/creations',
          `/api/creations/${id}`,
          '/api/health',
          `/api/creations/${id}/report`,
          `/api/creations/${id}/files/output`,
        ]);
        const readOnly = path === '/api/health' || path.includes('/files/');
        const method = pick([
          'PUT',
          'PROPFIND',
          'TRACE',
          'FOO',
          'MKCOL',
          'PURGE',
          ...(readOnly ? ['POST', 'PATCH', 'DELETE'] : []),
        ]);
        return { family: 'method', method, path, status: method === 'FOO' ? 400 : 405 };
      }),
      // Gallery cursors of every shape: ignored unless valid, 200.
      ...add(100, () => ({
        family: 'cursor',
        method: 'GET',
        path: `/api/creations?before=${encodeURIComponent(
          pick([`${'9'.repeat(1 + int(400))}-${otherId()}`, `-1-${otherId()}`, text(int(100), tricky)]),
        )}`,
        status: 200,
      })),
    ];
    cases.push(...(await Promise.all(families)));
    expect(cases.length).toBeGreaterThanOrEqual(2000);

    const wrong: string[] = [];
    const started = Date.now();
    for (let next = 0; next < cases.length; next += 8) {
      await Promise.all(
        cases.slice(next, next + 8).map(async (c, k) => {
          const res = await send(`${server.url}${c.path}`, c);
          const answer = res.text;
          const allow = c.status !== 405 || res.allow !== undefined;
          if (res.status !== c.status || !allow)
            wrong.push(
              `#${next + k} ${c.family}: ${c.method} ${c.path.slice(0, 80)} -> ${res.status} ` +
                `(expected ${c.status}) ${answer.slice(0, 120)}`,
            );
        }),
      );
    }
    console.log(`${cases.length} hostile requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(wrong.slice(0, 20), `${wrong.length} of ${cases.length} got another status`).toEqual([]);
    expect(server.log()).not.toMatch(/\[sharing\]|Error|error/);
  } finally {
    await server.stop();
  }
});
