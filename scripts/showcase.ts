// `npm run showcase`: the home page's pictures. Renders one example per studio from the committed recipes in
// lib/showcase/recipes.ts with the studios' own models and plans (Node, wasm), writes public/showcase/<studio>.jpg
// and lib/showcase/showcase.json (each picture with the link that remakes it). Re-run after a model or preset
// changes; a new picture is a new file name, so pages already cached keep theirs.
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { picturePresetById, presetUrl } from '../lib/canvas/picture-presets';
import { encodeRecipe } from '../lib/share/codec';
import { decodeLatent, type ImageRef, type Recipe } from '../lib/share/recipe';
import { SHOWCASE_RECIPES } from '../lib/showcase/recipes';
import type { ShowcaseCard } from '../lib/showcase/types';
import { dreamPlanOf, stylePlanOf } from '../lib/engine/plans';
import { CharRNN } from '../models/charrnn/model';
import { shapedProbabilities, Writer } from '../models/charrnn/sample';
import { VOCAB } from '../models/charrnn/vocab';
import { FACE_SIZE, LATENT_SIZE, seedLatents } from '../models/dcgan-faces/latent';
import { DCGANFaces } from '../models/dcgan-faces/model';
import { latentDrawOf } from '../models/dcgan-faces/good-faces';
import { dream } from '../models/deepdream/run';
import { InceptionV3 } from '../models/inception-v3/model';
import { registryEntry } from '../models/registry';
import { transferStyle } from '../models/style/run';
import { VAE } from '../models/vae/model';
import { publicModel, repoRoot } from '../models/node/files';
import { readImageTensor, tensorToSharp } from './lib/images';
import { startWasmBackend } from '../models/node/backends';

const OUT = join(repoRoot, 'public', 'showcase');
const CARDS = join(repoRoot, 'lib', 'showcase', 'showcase.json');
const load = async <T extends { load(): Promise<void> }>(
  id: string,
  make: (files: ReturnType<typeof publicModel>) => T,
) => {
  const entry = registryEntry(id);
  const model = make(publicModel(entry.id, entry.version));
  await model.load();
  return model;
};

/** A picture preset's pixels with the long side at `size`, aspect kept (as the browser resolves it). */
function presetPixels(ref: ImageRef, size: number): Promise<tf.Tensor4D> {
  const preset = ref.kind === 'preset' ? picturePresetById(ref.id) : undefined;
  if (!preset) throw new Error('showcase recipes use picture presets only');
  return readImageTensor(join(repoRoot, 'public', presetUrl(preset)), size);
}

async function renderDream(recipe: Extract<Recipe, { studio: 'dream' }>) {
  const net = await load('inception-v3', (f) => new InceptionV3(f));
  const input = await presetPixels(recipe.input, recipe.size);
  const out = await dream(net, input, dreamPlanOf(recipe, input.shape[2], input.shape[1]), () => {});
  const image = await tensorToSharp(out);
  tf.dispose([input, out]);
  return image;
}

async function renderStyle(recipe: Extract<Recipe, { studio: 'style' }>) {
  const net = await load('inception-v3', (f) => new InceptionV3(f));
  const content = await presetPixels(recipe.content, recipe.size);
  const styles = await Promise.all(
    recipe.styles.map(async (s) => ({ pixels: await presetPixels(s.image, recipe.size), weight: s.weight })),
  );
  const out = await transferStyle(
    net,
    content,
    styles,
    stylePlanOf(recipe),
    (r) => void (r.step % 20 === 0 && console.log(`  style step ${r.step}/${r.total}`)),
  );
  const image = await tensorToSharp(out);
  tf.dispose([content, out, ...styles.map((s) => s.pixels)]);
  return image;
}

/** The faces studio's grid (app/faces): faces drawn at 2x in cells of 132 px with 4 px gaps on #0e0d12. */
async function renderFaces(recipe: Extract<Recipe, { studio: 'faces' }>) {
  const gan = await load('dcgan-faces', (f) => new DCGANFaces(f));
  const zs = recipe.latents?.length
    ? recipe.latents.map((s) => Float32Array.from(decodeLatent(s)!))
    : seedLatents(recipe.seeds, latentDrawOf(recipe), recipe.k, recipe.chosen);
  const faces = tf.tidy(() =>
    gan.pixels(
      tf.tensor2d(
        zs.flatMap((z) => Array.from(z)),
        [zs.length, LATENT_SIZE],
      ),
    ),
  );
  const columns = Math.min(8, Math.ceil(Math.sqrt(zs.length)));
  const [scale, cell] = [2, FACE_SIZE * 2 + 4];
  const tiles = await Promise.all(
    zs.map(async (_, i) => {
      const face = faces.slice([i, 0, 0, 0], [1, -1, -1, -1]);
      const input = await (
        await tensorToSharp(face)
      )
        .resize(FACE_SIZE * scale, FACE_SIZE * scale, { kernel: 'linear' })
        .png()
        .toBuffer();
      face.dispose();
      return { input, left: 4 + (i % columns) * cell, top: 4 + Math.floor(i / columns) * cell };
    }),
  );
  faces.dispose();
  const rows = Math.ceil(zs.length / columns);
  return sharp({
    create: { width: columns * cell + 4, height: rows * cell + 4, channels: 3, background: '#0e0d12' },
  }).composite(tiles);
}

/** The digits' 2-D latent space as a map: a 12 x 12 grid of decodes across [-2, 2]^2, where most digits live. */
async function renderLatent(recipe: Extract<Recipe, { studio: 'latent' }>) {
  const vae = await load(recipe.model.id, (f) => new VAE(f));
  const n = 12;
  const span = (i: number) => -2 + (4 * i) / (n - 1);
  const grid = Array.from({ length: n * n }, (_, k) => [span(k % n), -span(Math.floor(k / n))]);
  const decoded = tf.tidy(() => vae.decode(tf.tensor2d(grid)).mul(255)) as tf.Tensor4D; // [n*n, 28, 28, 1]
  const [, h, w] = decoded.shape;
  const sheet = tf.tidy(() =>
    decoded
      .reshape([n, n, h, w])
      .transpose([0, 2, 1, 3])
      .reshape([n * h, n * w, 1])
      .tile([1, 1, 3]),
  );
  const image = (await tensorToSharp(sheet)).resize(n * w * 2, n * h * 2, { kernel: 'nearest' });
  tf.dispose([decoded, sheet]);
  return image;
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A text excerpt and its next-character chart, drawn as the text studio draws them (SVG rendered to JPEG). */
async function renderText(recipe: Extract<Recipe, { studio: 'text' }>) {
  const model = await load(recipe.model.id, (f) => new CharRNN(f));
  const writer = new Writer(model, recipe.seed);
  let written = '';
  writer.feed(recipe.prime);
  for (let i = 0; i < recipe.length; i++) written += writer.next(recipe);
  const probs = shapedProbabilities(writer.nextLogits!, recipe);
  writer.dispose();
  const top = Array.from(probs, (p, id) => ({ p, ch: VOCAB[id] }))
    .sort((a, b) => b.p - a.p)
    .slice(0, 8);
  const lines = (recipe.prime + written)
    .split('\n')
    .slice(-14)
    .map((l) => (l.length > 64 ? `${l.slice(0, 63)}…` : l));
  const width = 880;
  const text = lines.map((l, i) => `<text x="24" y="${40 + i * 22}" class="t">${escapeXml(l)}</text>`).join('');
  const bars = top
    .map(({ p, ch }, i) => {
      const label = ch === '\n' ? '⏎' : ch === ' ' ? '␣' : ch;
      const bar = Math.max(2, p * 160);
      return `<text x="640" y="${58 + i * 30}" class="c">${escapeXml(label)}</text><rect x="668" y="${42 + i * 30}" width="${bar}" height="20" rx="4" fill="#b08cff"/><text x="${676 + bar}" y="${58 + i * 30}" class="p">${(p * 100).toFixed(0)}%</text>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="290"><style>.t{font:15px DejaVu Sans Mono,monospace;fill:#e8e2f5}.c{font:16px DejaVu Sans Mono,monospace;fill:#fff}.p{font:12px DejaVu Sans,sans-serif;fill:#a59fb8}.h{font:13px DejaVu Sans,sans-serif;fill:#a59fb8}</style><rect width="100%" height="100%" fill="#15131c"/>${text}<text x="640" y="28" class="h">next character</text>${bars}</svg>`;
  return sharp(Buffer.from(svg));
}

/** `npm run showcase -- faces text` re-renders only those studios and keeps the others' pictures. */
async function main() {
  await startWasmBackend();
  mkdirSync(OUT, { recursive: true });
  const only = process.argv.slice(2);
  const previous: ShowcaseCard[] = JSON.parse(readFileSync(CARDS, 'utf8'));
  const cards: ShowcaseCard[] = [];
  for (const { recipe, alt } of SHOWCASE_RECIPES) {
    const kept = previous.find((c) => c.studio === recipe.studio);
    if (only.length && !only.includes(recipe.studio) && kept) {
      cards.push(kept);
      continue;
    }
    const started = Date.now();
    console.log(`${recipe.studio}: rendering`);
    const image =
      recipe.studio === 'dream'
        ? await renderDream(recipe)
        : recipe.studio === 'style'
          ? await renderStyle(recipe)
          : recipe.studio === 'faces'
            ? await renderFaces(recipe)
            : recipe.studio === 'latent'
              ? await renderLatent(recipe)
              : await renderText(recipe);
    // Full-resolution colour (4:4:4): the faces' sharp colour edges blur under 4:2:0 (home.spec compares pixels).
    const jpeg = await image.jpeg({ quality: 90, mozjpeg: true, chromaSubsampling: '4:4:4' }).toBuffer();
    const { width, height } = await sharp(jpeg).metadata();
    const file = `${recipe.studio}-${createHash('sha256').update(jpeg).digest('hex').slice(0, 10)}.jpg`;
    writeFileSync(join(OUT, file), jpeg);
    cards.push({
      studio: recipe.studio,
      picture: `/showcase/${file}`,
      width: width!,
      height: height!,
      alt,
      link: `/${recipe.studio}#r=${await encodeRecipe(recipe)}`,
    });
    console.log(
      `${recipe.studio}: ${file} ${width}x${height}, ${jpeg.length} bytes, ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  writeFileSync(CARDS, JSON.stringify(cards, null, 1) + '\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
