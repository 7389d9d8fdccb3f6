import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { frameAsText, decodeRecipe, encodeRecipe, RecipeError, recipeTextFromHash } from './codec';
import { fromHalfBits, roundToHalf, toHalfBits } from './float16';
import {
  autoRunBlocker,
  decodeErased,
  decodeLatent,
  DIGIT_PIXELS,
  type DreamRecipe,
  encodeDigit,
  type FacesRecipe,
  type LatentRecipe,
  encodeErased,
  encodeLatent,
  imageRefsOf,
  MAX_FACE_CANDIDATES,
  MAX_FACE_PULL,
  isSelfContained,
  mapImageRefs,
  type Recipe,
  type StyleRecipe,
} from './recipe';
import {
  entryForRef,
  modelFingerprint,
  modelMismatch,
  modelRefFor,
  olderVersionNote,
  versionWithFingerprint,
} from './model-ref';
import { registryEntry } from '../../models/registry';
import { textWith } from '../../tests/support/own-model';
import { INCEPTION_LAYERS } from '../../models/inception-v3/layers';
import { LATENT_SIZE } from '../../models/dcgan-faces/latent';

/** A link's text for any JSON, valid or not: what a hand-edited or damaged link holds. */
async function pack(json: string): Promise<string> {
  const cs = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate'));
  return frameAsText(new Uint8Array(await new Response(cs).arrayBuffer()));
}

/** mulberry32: a tiny seeded generator, so a failing case can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const num = (lo: number, hi: number) => lo + next() * (hi - lo);
  const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)];
  const text = (n: number) =>
    Array.from({ length: int(0, n) }, () =>
      String.fromCodePoint(pick([int(32, 126), int(0xa0, 0x2fff), 10, 0x1f600])),
    ).join('');
  return { next, int, num, pick, text };
}

const model = { id: 'dcgan-faces', fp: 'deadbeef01234567' };
/** The shipped faces generator: only weights with a good faces' mean take a pull. */
const pullableFaces = modelRefFor(registryEntry('dcgan-faces'));

function randomRecipe(r: ReturnType<typeof rng>): Recipe {
  const image = () =>
    r.next() < 0.5
      ? { kind: 'preset' as const, id: r.pick(['noise', 'clouds', 'french-alpine-landscape']) }
      : { kind: 'creation' as const, id: 'abcdEFGH_-' + r.int(0, 1e6) };
  const latent = () => encodeLatent(Array.from({ length: r.int(1, 128) }, () => roundToHalf(r.num(-4, 4))));
  const faceLatent = () => encodeLatent(Array.from({ length: LATENT_SIZE }, () => roundToHalf(r.num(-4, 4))));
  const strokes = () => ({
    feather: r.num(0, 0.2),
    strokes: Array.from({ length: r.int(1, 5) }, () => ({
      size: r.num(0.002, 0.5),
      points: Array.from({ length: 2 * r.int(1, 50) }, () => r.int(0, 1000)),
    })),
  });
  switch (r.int(0, 5)) {
    case 0:
      return {
        studio: 'dream',
        v: 1,
        model,
        input: image(),
        size: r.int(75, 4096),
        layers: Array.from({ length: r.int(1, 6) }, () => ({
          name: r.pick(INCEPTION_LAYERS),
          weight: r.num(-10, 10),
        })),
        ...(r.next() < 0.3 ? { channel: r.int(0, 767) } : {}),
        octaves: r.int(1, 8),
        octaveScale: r.num(1.1, 2),
        steps: r.int(1, 200),
        stepSize: r.num(0.0001, 0.5),
        jitter: r.int(0, 128),
        seed: r.int(0, 0xffffffff),
        ...(r.next() < 0.3 ? { mask: strokes() } : {}),
      };
    case 1:
      return {
        studio: 'style',
        v: 1,
        model,
        content: image(),
        styles: Array.from({ length: r.int(1, 4) }, () => ({
          image: image(),
          weight: r.next(),
          ...(r.next() < 0.3 ? { region: strokes() } : {}),
        })),
        size: r.int(75, 2048),
        steps: r.int(1, 2000),
        contentWeight: r.num(0, 1e4),
        styleWeight: r.num(0, 1e6),
        tvWeight: r.num(0, 1e3),
        learningRate: r.num(0.1, 50),
        styleScale: r.num(0.25, 2),
        coarseToFine: r.next() < 0.5,
        preserveColor: r.pick(['none', 'luminance', 'histogram'] as const),
        init: r.pick(['content', 'noise'] as const),
        seed: r.int(0, 0xffffffff),
        ...(r.next() < 0.5 ? { start: image() } : {}),
        ...(r.next() < 0.5 ? { stopAt: r.int(1, 2000) } : {}),
        ...(r.next() < 0.5 ? { algorithm: r.pick([1, 2, 3] as const) } : {}),
        ...(r.next() < 0.3 ? { strength: r.num(0, 1) } : {}),
      };
    case 2: {
      const seeds = Array.from({ length: r.int(1, 64) }, () => r.int(0, 0xffffffff));
      const k = r.int(2, MAX_FACE_CANDIDATES);
      return {
        studio: 'faces',
        v: 1,
        model,
        seeds,
        truncation: r.num(0, 3),
        ...(r.next() < 0.5 ? { model: pullableFaces, pull: r.num(0, MAX_FACE_PULL) } : {}),
        ...(r.next() < 0.5 ? { latents: Array.from({ length: r.int(0, 8) }, faceLatent) } : {}),
        ...(r.next() < 0.5 ? { k, chosen: seeds.map(() => r.int(0, k - 1)), judge: model } : {}),
      };
    }
    case 3: {
      const walk = {
        tune: 'X: 1\nK:G\nGABc|',
        qpm: r.int(40, 240),
        fps: r.int(4, 12),
        points: r.int(2, 8),
        seed: r.int(0, 1e9),
      };
      return { studio: 'latent', v: 1, model, z: latent(), ...(r.next() < 0.5 ? { walk } : {}) };
    }
    case 4: {
      const bits = () => Array.from({ length: DIGIT_PIXELS }, () => r.next() < 0.1);
      const see = {
        judge: model,
        target: r.int(0, 9),
        steps: r.int(1, 300),
        stepSize: r.num(0.005, 0.5),
        jitter: r.int(0, 4),
        tvWeight: r.num(0, 100),
        seed: r.int(0, 0xffffffff),
        objective: r.pick(['logit', 'log-probability'] as const),
        decay: r.num(0, 0.5),
        start: r.pick(['drawing', 'blank', 'noise'] as const),
      };
      const denoise = { denoiser: model, sd: r.next(), seed: r.int(0, 0xffffffff), erased: encodeErased(bits()) };
      const layer = r.pick(INCEPTION_LAYERS);
      const feature = {
        model,
        layer,
        channel: r.int(0, layer === 'mixed0' ? 255 : 287),
        size: r.int(75, 512),
        steps: r.int(1, 1000),
        levels: r.int(1, 8),
        learningRate: r.num(0.001, 1),
        jitter: r.int(0, 64),
        scaleJitter: r.num(0, 0.5),
        seed: r.int(0, 0xffffffff),
      };
      const shows = r.pick([
        { kind: 'layers' as const },
        { kind: 'see' as const, ...see },
        { kind: 'denoise' as const, ...denoise },
        { kind: 'feature' as const, ...feature },
      ]);
      return {
        studio: 'lab',
        v: 2,
        model,
        digit: encodeDigit(Array.from({ length: DIGIT_PIXELS }, () => r.next())),
        shows,
      };
    }
    default:
      return {
        studio: 'text',
        v: 1,
        // a person's own model, named by its file's sha256, kept here or shared with a creation
        model: r.pick([
          model,
          {
            id: 'own',
            fp: 'c0ffee'.repeat(10) + '0123',
            name: r.text(80) || 'x',
            from: r.pick([null, 'A'.repeat(22)]),
          },
        ]),
        mode: r.pick(['text', 'music'] as const),
        prime: r.text(300),
        temperature: r.num(0.05, 3),
        topK: r.int(0, 256),
        topP: r.next(),
        length: r.int(1, 5000),
        seed: r.int(0, 0xffffffff),
      };
  }
}

describe('recipes', () => {
  it('round-trip exactly for 10,000 random valid recipes', async () => {
    const r = rng(2026);
    for (let i = 0; i < 10_000; i++) {
      const recipe = randomRecipe(r);
      const back = await decodeRecipe(await encodeRecipe(recipe));
      assert.deepStrictEqual(back, recipe, `case ${i}`);
    }
  });

  it('fail with RecipeError, and only RecipeError, when the link is mutated', async () => {
    const r = rng(7);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=%. ';
    let failed = 0;
    for (let i = 0; i < 2_000; i++) {
      const text = await encodeRecipe(randomRecipe(r));
      const kind = r.int(0, 3);
      const at = r.int(0, text.length - 1);
      let mutated: string;
      if (kind === 0) {
        let c = r.pick([...alphabet]);
        while (c === text[at]) c = r.pick([...alphabet]);
        mutated = text.slice(0, at) + c + text.slice(at + 1);
      } else if (kind === 1) mutated = text.slice(0, at);
      else if (kind === 2) mutated = text.slice(0, at) + text.slice(at + 1);
      else mutated = text + r.pick([...alphabet]);
      try {
        await decodeRecipe(mutated);
        assert.fail(`mutation ${kind} at ${at} was accepted`);
      } catch (e) {
        assert.ok(e instanceof RecipeError, `case ${i}: ${String(e)}`);
        failed++;
      }
    }
    assert.equal(failed, 2_000);
  });

  it('refuse well-formed links that carry the wrong thing, each with its own code', async () => {
    const code = async (text: string) =>
      decodeRecipe(text).then(
        () => 'accepted',
        (e: RecipeError) => e.code,
      );
    assert.equal(await code(await pack('{"studio":"opera","v":1}')), 'unknown-studio');
    assert.equal(await code(await pack('{"studio":"latent","v":2}')), 'unsupported-version');
    assert.equal(await code(await pack('{"studio":"latent","v":1,"model":{"id":"x","fp":"zz"},"z":""}')), 'invalid');
    assert.equal(await code(await pack('[1,2]')), 'invalid');
    assert.equal(await code(await pack(' '.repeat(70_000))), 'too-large');
    assert.equal(await code('A'.repeat(20_000)), 'too-large');
    assert.equal(await code(''), 'malformed');
  });

  it('read a version-1 Lab recipe as the version-2 one showing the same; refuse an unknown version', async () => {
    const model = { id: 'digit-cnn', fp: '0123abcd' };
    const digit = encodeDigit(new Float32Array(DIGIT_PIXELS));
    const v1 = { studio: 'lab', v: 1, model, digit };
    const see = { judge: model, target: 3, steps: 5, stepSize: 0.08, jitter: 1, tvWeight: 10, seed: 1 };
    const denoise = { denoiser: model, sd: 0.3, seed: 1, erased: encodeErased(new Array(DIGIT_PIXELS).fill(false)) };
    const feature = {
      model,
      layer: 'mixed3',
      channel: 10,
      size: 75,
      steps: 2,
      levels: 3,
      learningRate: 0.05,
      jitter: 8,
      scaleJitter: 0.1,
      seed: 1,
    };
    const read = async (json: object) => decodeRecipe(await pack(JSON.stringify(json)));
    const v2 = { studio: 'lab', v: 2, model, digit };
    assert.deepEqual(await read(v1), { ...v2, shows: { kind: 'layers' } });
    // A see from before its objective, decay and start existed: the log-probability, no decay, from the drawing.
    assert.deepEqual(await read({ ...v1, see }), {
      ...v2,
      shows: { kind: 'see', ...see, objective: 'log-probability', decay: 0, start: 'drawing' },
    });
    assert.deepEqual(await read({ ...v1, denoise }), { ...v2, shows: { kind: 'denoise', ...denoise } });
    // The Lab of version 1 ran the first it held of feature, see, denoise.
    assert.deepEqual(await read({ ...v1, see, denoise, feature }), { ...v2, shows: { kind: 'feature', ...feature } });
    assert.deepEqual(await read({ ...v1, see, denoise }), (await read({ ...v1, see })) as object);
    await assert.rejects(
      read({ ...v1, feature: { ...feature, layer: 'mixed0', channel: 300 } }),
      /feature: that layer has fewer/,
    );
    await assert.rejects(read({ ...v2, shows: { kind: 'see', ...see } }), /not valid \(shows.objective/);
    await assert.rejects(read({ ...v1, v: 3 }), /lab recipe is version 3; this app reads version 2 and older ones/);
  });

  it('refuse a style link whose strength is outside 0-1 or whose algorithm is unknown, naming the field', async () => {
    const model = { id: 'inception-v3', fp: '0123abcd' };
    const base = {
      studio: 'style',
      v: 1,
      model,
      content: { kind: 'preset', id: 'alps-1' },
      styles: [{ image: { kind: 'preset', id: 'starry-night-1' }, weight: 1 }],
      size: 256,
      steps: 100,
      contentWeight: 800,
      styleWeight: 1000,
      tvWeight: 10,
      learningRate: 6,
      styleScale: 1,
      coarseToFine: true,
      preserveColor: 'none',
      init: 'content',
      seed: 1,
      algorithm: 3,
    };
    const link = (r: object) => pack(JSON.stringify(r));
    assert.equal(((await decodeRecipe(await link({ ...base, strength: 0.4 }))) as StyleRecipe).strength, 0.4);
    for (const [field, bad] of [
      ['strength', { strength: 1.5 }],
      ['strength', { strength: -0.1 }],
      ['algorithm', { algorithm: 4 }],
    ] as const) {
      const error = await decodeRecipe(await link({ ...base, ...bad })).then(
        () => null,
        (e: RecipeError) => e,
      );
      assert.equal(error?.code, 'invalid');
      assert.match(error!.message, new RegExp(`^This style recipe is not valid \\(${field}:`));
    }
  });

  it("refuse a faces link whose latents are not the generator's length, naming the field", async () => {
    const base = { studio: 'faces', v: 1, model: { id: 'dcgan-faces', fp: '0123abcd' }, seeds: [1], truncation: 0 };
    const link = (latents: string[]) => pack(JSON.stringify({ ...base, latents }));
    const full = encodeLatent(new Array(LATENT_SIZE).fill(0.5));
    assert.equal(((await decodeRecipe(await link([full]))) as FacesRecipe).latents?.length, 1);
    for (const bad of [[''], [encodeLatent([0.5])], [full, encodeLatent(new Array(LATENT_SIZE + 1).fill(0))]]) {
      const error = await decodeRecipe(await link(bad)).then(
        () => null,
        (e: RecipeError) => e,
      );
      assert.equal(error?.code, 'invalid');
      assert.match(error!.message, /^This faces recipe is not valid \(latents/);
    }
  });

  it('refuse a walk set to a tune beyond what the panel makes: more frames a second or more points', async () => {
    const walk = { tune: 'X: 1\nK:G\nGABc|', qpm: 120, fps: 12, points: 8, seed: 7 };
    const latent = { studio: 'latent', v: 1, model: { id: 'vae-mnist-2d', fp: '0123abcd' }, z: encodeLatent([0, 0]) };
    const read = async (w: object) =>
      decodeRecipe(await pack(JSON.stringify({ ...latent, walk: w }))).then(
        (recipe) => (recipe as LatentRecipe).walk,
        (e: RecipeError) => e.message,
      );
    assert.deepEqual(await read(walk), walk);
    assert.match(String(await read({ ...walk, fps: 30 })), /^This latent recipe is not valid \(walk\.fps/);
    assert.match(String(await read({ ...walk, points: 9 })), /^This latent recipe is not valid \(walk\.points/);
  });

  it("refuse a pull toward good faces on weights that have no good faces' mean", async () => {
    const base = { studio: 'faces', v: 1, model: pullableFaces, seeds: [1, 2], truncation: 0 };
    const decoded = async (extra: object) =>
      decodeRecipe(await pack(JSON.stringify({ ...base, ...extra }))).then(
        (r) => (r as FacesRecipe).pull,
        (e: RecipeError) => e.message,
      );
    assert.equal(await decoded({ pull: 0.5 }), 0.5);
    assert.match(String(await decoded({ pull: 0.5, model: model })), /^This faces recipe is not valid \(.*good faces/);
    assert.match(String(await decoded({ pull: 0.95 })), /^This faces recipe is not valid \(pull/);
  });

  it("refuse a faces link whose judge's choices do not fit its seeds and k; links without k need none", async () => {
    const base = { studio: 'faces', v: 1, model: { id: 'dcgan-faces', fp: '0123abcd' }, seeds: [1, 2], truncation: 0 };
    const judge = { id: 'dcgan-faces-judge', fp: '89abcdef' };
    const decoded = async (extra: object) =>
      decodeRecipe(await pack(JSON.stringify({ ...base, ...extra }))).then(
        (r) => r as FacesRecipe,
        (e: RecipeError) => e,
      );
    assert.deepEqual(await decoded({}), base);
    assert.deepEqual((await decoded({ k: 8, chosen: [7, 0], judge })) as FacesRecipe, {
      ...base,
      k: 8,
      chosen: [7, 0],
      judge,
    });
    for (const bad of [
      { k: 8, judge }, // nothing chosen
      { k: 8, chosen: [8, 0], judge }, // a candidate the seed does not have
      { k: 8, chosen: [1], judge }, // one choice for two seeds
      { chosen: [0, 0], judge }, // choices without k
      { k: 8, chosen: [1, 0] }, // no judge named
      { k: 1, chosen: [0, 0], judge }, // k = 1 is the absence of k
      { k: 17, chosen: [1, 0], judge },
    ]) {
      const error = await decoded(bad);
      assert.ok(error instanceof RecipeError, JSON.stringify(bad));
      assert.equal(error.code, 'invalid');
    }
  });

  it('carry latent vectors exactly as float16, and refuse NaN or odd lengths', () => {
    const values = [0, -0, 1, -2.5, 65504, 6.1e-5, 5.96e-8, 0.1, -3.14159].map(roundToHalf);
    assert.deepEqual(decodeLatent(encodeLatent(values)), values);
    for (let h = 0; h < 0x7c00; h += 37) assert.equal(toHalfBits(fromHalfBits(h)), h);
    assert.equal(roundToHalf(0.1), 0.0999755859375);
    assert.equal(decodeLatent(encodeLatent([NaN])), null);
    assert.equal(decodeLatent('AAAA'), null); // 3 bytes: not whole float16 numbers
  });

  it('carry the erased pixels of a digit bit for bit', () => {
    const erased = Uint8Array.from({ length: DIGIT_PIXELS }, (_, i) => (i % 7 === 0 || i === DIGIT_PIXELS - 1 ? 1 : 0));
    const text = encodeErased(erased);
    assert.equal(text.length, 131);
    assert.deepEqual(decodeErased(text), erased);
  });

  it('base64url is strict: non-canonical tails and foreign characters are refused', () => {
    assert.deepEqual(decodeBase64Url(encodeBase64Url(new Uint8Array([1, 2, 3, 4]))), new Uint8Array([1, 2, 3, 4]));
    assert.deepEqual(decodeBase64Url('AQ'), new Uint8Array([1]));
    assert.equal(decodeBase64Url('AR'), null);
    assert.equal(decodeBase64Url('A+'), null);
  });

  it('name the weights they were made with, and say so when they differ', () => {
    const entry = registryEntry('inception-v3');
    assert.equal(modelMismatch(modelRefFor(entry)), null);
    assert.match(modelMismatch({ id: entry.id, fp: '0123456789abcdef' }) ?? '', /other weights of InceptionV3/);
    assert.match(modelMismatch({ id: 'no-such-model', fp: '01234567' }) ?? '', /does not have/);
  });

  it('load the version of the weights they name while it is served, else the newest', () => {
    const newest = registryEntry('charrnn-shakespeare');
    const v1 = {
      ...newest,
      version: '1',
      files: newest.files.map((f) => ({ ...f, sha256: `ab${f.sha256.slice(2)}` })),
    };
    const versions = [{ ...newest, version: '2' }, v1];
    assert.equal(versionWithFingerprint(versions, modelFingerprint(v1)), v1);
    assert.equal(versionWithFingerprint(versions, '0123456789abcdef').version, '2');
    assert.match(olderVersionNote(v1, '2') ?? '', /version 1 of .*New work uses version 2/);
    assert.equal(olderVersionNote(newest, newest.version), null);
    assert.equal(entryForRef(modelRefFor(newest)), newest);
    assert.equal(entryForRef({ id: 'no-such-model', fp: '01234567' }), undefined);
  });

  it("name a person's own model by its file's sha256: its entry is that file; once shared the link travels", () => {
    const own = { id: 'own' as const, fp: 'ab'.repeat(32), name: 'Poems', from: null };
    const entry = entryForRef(own)!;
    assert.deepEqual(
      [entry.id, entry.version, entry.title, entry.source],
      ['own-abababababababab', own.fp, 'Poems', 'own'],
    );
    assert.deepEqual(entry.files, [{ name: 'model.json', bytes: 0, sha256: own.fp }]);
    assert.equal(modelMismatch(own), null);
    assert.equal(olderVersionNote(entry), null);
    assert.equal(isSelfContained(textWith(own)), false, 'only this browser holds the model');
    assert.equal(isSelfContained(textWith({ ...own, from: 'A'.repeat(22) })), true);
  });

  it('list and replace their images in one fixed order, and know when the link alone remakes them', () => {
    const style: StyleRecipe = {
      studio: 'style',
      v: 1,
      model: { id: 'inception-v3', fp: '0123abcd' },
      content: { kind: 'upload', name: 'me.jpg' },
      styles: [
        { image: { kind: 'preset', id: 'mosaic' }, weight: 1 },
        { image: { kind: 'creation', id: 'abcdef0123456789' }, weight: 0.5 },
      ],
      size: 256,
      steps: 100,
      contentWeight: 200,
      styleWeight: 1000,
      tvWeight: 10,
      learningRate: 6,
      styleScale: 1,
      coarseToFine: true,
      preserveColor: 'none',
      init: 'content',
      start: { kind: 'creation', id: 'fedcba9876543210' },
      seed: 1,
    };
    assert.deepEqual(
      imageRefsOf(style).map((r) => r.kind),
      ['upload', 'preset', 'creation', 'creation'],
    );
    assert.equal(isSelfContained(style), false);
    const creation = 'A'.repeat(22);
    const shared = mapImageRefs(style, (ref, slot) =>
      ref.kind === 'preset' ? ref : { kind: 'shared', creation, slot },
    );
    assert.deepEqual(imageRefsOf(shared), [
      { kind: 'shared', creation, slot: 0 },
      { kind: 'preset', id: 'mosaic' },
      { kind: 'shared', creation, slot: 2 },
      { kind: 'shared', creation, slot: 3 },
    ]);
    assert.equal(shared.styles[1].weight, 0.5);
    assert.equal(isSelfContained(shared), true);
  });

  it('wait for a click above the safe working size, and read #r= from a fragment', () => {
    const base: Omit<DreamRecipe, 'size'> = {
      studio: 'dream',
      v: 1,
      model,
      input: { kind: 'preset', id: 'clouds' },
      layers: [{ name: 'mixed3', weight: 1 }],
      octaves: 1,
      octaveScale: 1.4,
      steps: 3,
      stepSize: 0.01,
      jitter: 8,
      seed: 1,
    };
    assert.equal(autoRunBlocker({ ...base, size: 128 }), null);
    assert.match(autoRunBlocker({ ...base, size: 2048 }) ?? '', /Press Run/);
    assert.equal(recipeTextFromHash('#r=abc_-'), 'abc_-');
    assert.equal(recipeTextFromHash('#other=1'), null);
  });
});
