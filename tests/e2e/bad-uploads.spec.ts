// Bad requests to the real sharing server (server.mjs on the production build) get the answer that says what was
// wrong (4xx with a message, never a 500), after /gallery and a share page have been served: those pages compile
// the store into chunks of their own, and an error class from one chunk once failed `instanceof` in another.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { encodeRecipe } from '../../lib/share/codec';
import { FIELD, MAX_TITLE } from '../../lib/share/limits';
import { modelRefFor } from '../../lib/share/model-ref';
import { registryEntry } from '../../models/registry';
import { creationForm } from './server-process';

const post = (base: string, form: FormData) => fetch(`${base}/api/creations`, { method: 'POST', body: form });
const facesRecipe = () =>
  encodeRecipe({ studio: 'faces', v: 1, model: modelRefFor(registryEntry('dcgan-faces')), seeds: [1], truncation: 0 });
const textRecipe = () =>
  encodeRecipe({
    studio: 'text',
    v: 1,
    model: modelRefFor(registryEntry('charrnn-shakespeare')),
    mode: 'text',
    prime: 'ROMEO:',
    temperature: 0.8,
    topK: 0,
    topP: 1,
    length: 40,
    seed: 3,
  });

/**
 * Serves /gallery and a share page before any upload, as a visitor would (this file runs first, on a fresh server):
 * the store is then first made by those pages' chunks, not the API's.
 */
async function servePagesFirst(baseURL: string) {
  expect((await fetch(`${baseURL}/gallery`)).status).toBe(200);
  expect((await fetch(`${baseURL}/c/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
}

test('refused uploads answer 400, 413 or 415 with a message, never 500', async ({ baseURL }) => {
  await servePagesFirst(baseURL!);
  const expectRefusal = async (form: FormData, status: number, message: RegExp) => {
    const res = await post(baseURL!, form);
    expect(res.status, String(message)).toBe(status);
    expect((await res.json()).error).toMatch(message);
  };
  const noRecipe = new FormData();
  noRecipe.set(FIELD.title, 'x');
  await expectRefusal(noRecipe, 400, /no recipe/);

  const gif = await creationForm(8);
  gif.set(
    FIELD.output,
    new Blob([
      new Uint8Array(
        await sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } })
          .gif()
          .toBuffer(),
      ),
    ]),
  );
  await expectRefusal(gif, 415, /not a PNG, JPEG or WebP/);

  const titleFile = await creationForm(9);
  titleFile.set(FIELD.title, new Blob(['a title']), 'title.txt');
  await expectRefusal(titleFile, 400, /title must be text/);

  // Text does not stand in for an image studio's picture.
  const facesWithText = new FormData();
  facesWithText.set(FIELD.recipe, await facesRecipe());
  facesWithText.set(FIELD.text, 'no picture here');
  await expectRefusal(facesWithText, 400, /carries no text/);

  const nul = new FormData();
  nul.set(FIELD.recipe, await textRecipe());
  nul.set(FIELD.text, 'before\0after');
  await expectRefusal(nul, 400, /control characters/);
});

test('a title keeps what was sent: control characters become spaces, and a cut never splits an emoji', async ({
  baseURL,
}) => {
  const titleOf = async (title: string) => {
    const form = await creationForm(10);
    form.set(FIELD.title, title);
    const res = await post(baseURL!, form);
    expect(res.status).toBe(201);
    return ((await (await fetch(`${baseURL}/api/creations/${(await res.json()).id}`)).json()) as { title: string })
      .title;
  };
  expect(await titleOf('before\0after')).toBe('before after');
  const long = `${'a'.repeat(MAX_TITLE - 1)}🌊🌊`;
  expect(await titleOf(long)).toBe(`${'a'.repeat(MAX_TITLE - 1)}🌊`);
});

test('a PATCH body over 1 KB is refused before it is read, and bad percent-encoding in a path is a 404', async ({
  baseURL,
  request,
}) => {
  const res = await post(baseURL!, await creationForm(11));
  const { id, deleteToken } = await res.json();
  const patch = (body: string) =>
    fetch(`${baseURL}/api/creations/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${deleteToken}`, 'content-type': 'application/json' },
      body,
    });
  const big = await patch(JSON.stringify({ listed: true, padding: 'x'.repeat(40_000) }));
  expect(big.status).toBe(413);
  expect((await big.json()).error).toMatch(/larger than/);
  expect((await patch('{"listed": true}')).status).toBe(200);

  const api = await request.get('/api/creations/%ff');
  expect(api.status()).toBe(404);
  expect((await api.json()).error).toMatch(/no shared creation/);
  const page = await request.get('/c/%');
  expect(page.status()).toBe(404);
  expect(await page.text()).toContain('Not found');
});
