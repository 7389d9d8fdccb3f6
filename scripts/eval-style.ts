// `npm run eval -- style`: every style algorithm on a fixed panel of public-domain photos and paintings
// (../shared/data), with the studio's defaults, measured by scripts/lib/style-metrics.ts. Prints a row per
// pair and algorithm as it goes, then the averages; writes the results (JSON), each picture and a panel image
// (content | painting | one column per algorithm) to runs/style-eval/. Each finished row is appended to rows.jsonl
// there, so a run stopped part-way resumes with the same options and skips what it has. Nothing here is committed:
// the pictures derive from shared data.
import * as tf from '@tensorflow/tfjs';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { InceptionV3 } from '../models/inception-v3/model';
import { registryEntry } from '../models/registry';
import type { PaintedOptions } from '../models/style/painted';
import { defaultWeights, type StyleAlgorithm, type StylePlan, transferStyle } from '../models/style/run';
import { publicModel, repoRoot } from '../models/node/files';
import { readImageTensor, tensorToSharp } from './lib/images';
import {
  blurredSsim,
  crossNetworkStyleDistance,
  loadMobileNetFeatures,
  paletteDistance,
  speckleRatio,
} from './lib/style-metrics';

const CONTENTS = [
  'photos-content-pd/cat_chelsea_vanderwalt.png',
  'photos-content-pd/landscape_french_alps_braun_c1865.jpg',
  'photos-content-pd/town_nagasaki_boats_beato_c1865.jpg',
  'photos-content-pd/portrait_astronaut_eileen_collins_nasa.png',
];
const PAINTINGS = [
  'art-style-pd/vangogh_starry_night_1889.jpg',
  'art-style-pd/hokusai_great_wave_off_kanagawa_c1831.jpg',
  'art-style-pd/kandinsky_composition_vii_1913.jpg',
  'art-style-pd/munch_the_scream_1893.jpg',
];
/** Paintings are read at this long side; the run resizes them to the working size x styleScale. */
const STYLE_READ_SIDE = 512;

export interface StyleEvalOptions {
  dataDir: string;
  /** The panel is the first `side` photos x the first `side` paintings (at most 4 x 4). */
  side: number;
  /** Only the first `photos` photos (default `side`): one photo in four styles at 512 px. */
  photos?: number;
  size: number;
  steps: number;
  algorithms: StyleAlgorithm[];
  /** Algorithm 3's parts changed from its defaults, for the ablation (written beside the results). */
  painted?: Partial<PaintedOptions>;
  /** The painting's long side relative to the working size's; absent: the studio's default. */
  styleScale?: number;
  /** Results go to runs/style-eval/<tag>/ (default: runs/style-eval). */
  tag?: string;
}

/** The studio's defaults (app/style) for a plan of the given algorithm: what a new run of it would do. */
const planFor = (algorithm: StyleAlgorithm, o: StyleEvalOptions): StylePlan => ({
  algorithm,
  weights: defaultWeights(algorithm),
  steps: o.steps,
  learningRate: 6,
  init: 'content',
  seed: 1,
  styleScale: o.styleScale ?? 1,
  coarseToFine: true,
  preserveColor: 'none',
  ...(algorithm === 3 ? { strength: 1, painted: o.painted } : {}),
});

const short = (path: string) =>
  path
    .split('/')
    .pop()!
    .replace(/\.(png|jpe?g)$/, '')
    .split('_')
    .slice(0, 2)
    .join('_');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

interface Row {
  pair: string;
  algorithm: StyleAlgorithm;
  styleDistance: number;
  palette: number;
  speckle: number;
  ssim: number;
  seconds: number;
}

export async function evalStyle(o: StyleEvalOptions) {
  const out = join(repoRoot, 'runs', 'style-eval', o.tag ?? '');
  mkdirSync(out, { recursive: true });
  const inception = registryEntry('inception-v3');
  const net = new InceptionV3(publicModel(inception.id, inception.version));
  await net.load();
  const mobileNet = await loadMobileNetFeatures();
  const pairs = CONTENTS.slice(0, o.photos ?? o.side).flatMap((c) =>
    PAINTINGS.slice(0, o.side).map((p) => [c, p] as const),
  );
  const rows = resumedRows(out, o);
  const panelRows: string[][] = [];
  console.log(
    `style panel: ${pairs.length} pairs at ${o.size} px, ${o.steps} steps, algorithms ${o.algorithms.join(', ')}`,
  );
  console.log(
    'pair | algorithm | style distance (MobileNetV2) | palette distance (Lab) | speckle ratio | content SSIM | s',
  );
  for (const [contentPath, stylePath] of pairs) {
    const name = `${short(contentPath)}-x-${short(stylePath)}`;
    const content = await readImageTensor(join(o.dataDir, contentPath), o.size);
    const style = await readImageTensor(join(o.dataDir, stylePath), STYLE_READ_SIDE);
    await (await tensorToSharp(content)).png().toFile(join(out, `${name}-content.png`));
    await (await tensorToSharp(style)).png().toFile(join(out, `${name}-style.png`));
    const files = [`${name}-content.png`, `${name}-style.png`];
    for (const algorithm of o.algorithms) {
      files.push(`${name}-algorithm${algorithm}.png`);
      const done = rows.find((r) => r.pair === name && r.algorithm === algorithm);
      if (done && existsSync(join(out, files.at(-1)!))) {
        console.log(`${rowLine(done)} (resumed)`);
        continue;
      }
      const started = Date.now();
      const result = await transferStyle(net, content, [{ pixels: style, weight: 1 }], planFor(algorithm, o), () => {});
      const row: Row = {
        pair: name,
        algorithm,
        styleDistance: await crossNetworkStyleDistance(mobileNet, result, style),
        palette: paletteDistance(result, style),
        speckle: speckleRatio(result, style),
        ssim: blurredSsim(result, content),
        seconds: (Date.now() - started) / 1000,
      };
      await (await tensorToSharp(result)).png().toFile(join(out, files.at(-1)!));
      result.dispose();
      rows.push(row);
      appendFileSync(join(out, 'rows.jsonl'), JSON.stringify(row) + '\n');
      console.log(rowLine(row));
    }
    panelRows.push(files);
    tf.dispose([content, style]);
  }
  const summary = Object.fromEntries(
    o.algorithms.map((a) => {
      const mine = rows.filter((r) => r.algorithm === a);
      return [
        `algorithm ${a}`,
        {
          styleDistance: +mean(mine.map((r) => r.styleDistance)).toFixed(3),
          palette: +mean(mine.map((r) => r.palette)).toFixed(2),
          speckle: +mean(mine.map((r) => r.speckle)).toFixed(2),
          ssim: +mean(mine.map((r) => r.ssim)).toFixed(3),
        },
      ];
    }),
  );
  writeFileSync(
    join(out, 'results.json'),
    JSON.stringify({ options: { ...o, dataDir: undefined }, rows, summary }, null, 1),
  );
  writeFileSync(join(out, 'table.md'), markdownTable(rows, o.algorithms));
  await writePanel(out, panelRows);
  console.log(`pictures and panel.jpg in ${out}`);
  console.log(`mean: ${JSON.stringify(summary)}`);
}

const rowLine = (r: Row) =>
  [
    r.pair,
    r.algorithm,
    r.styleDistance.toFixed(3),
    r.palette.toFixed(2),
    r.speckle.toFixed(2),
    r.ssim.toFixed(3),
    r.seconds.toFixed(0),
  ].join(' | ');

/** Rows a stopped run with the same options left in `out`; a run with other options starts afresh. */
function resumedRows(out: string, o: StyleEvalOptions): Row[] {
  const options = JSON.stringify({ ...o, dataDir: undefined });
  const optionsFile = join(out, 'options.json');
  const same = existsSync(optionsFile) && readFileSync(optionsFile, 'utf8') === options;
  if (!same) {
    writeFileSync(optionsFile, options);
    writeFileSync(join(out, 'rows.jsonl'), '');
    return [];
  }
  return readFileSync(join(out, 'rows.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row);
}

/** The results side by side, a row per pair and one for the means: what the style card shows. */
function markdownTable(rows: Row[], algorithms: StyleAlgorithm[]): string {
  const cells = (r: Row | undefined) =>
    r ? [r.styleDistance.toFixed(3), r.palette.toFixed(2), r.speckle.toFixed(2), r.ssim.toFixed(3)] : ['', '', '', ''];
  const head = [
    'pair',
    ...algorithms.flatMap((a) => [`style distance (${a})`, `palette (${a})`, `speckle (${a})`, `SSIM (${a})`]),
  ];
  const pairs = [...new Set(rows.map((r) => r.pair))];
  const body = pairs.map((p) => [
    p,
    ...algorithms.flatMap((a) => cells(rows.find((r) => r.pair === p && r.algorithm === a))),
  ]);
  const means = [
    '**mean**',
    ...algorithms.flatMap((a) => {
      const mine = rows.filter((r) => r.algorithm === a);
      return [
        mean(mine.map((r) => r.styleDistance)).toFixed(3),
        mean(mine.map((r) => r.palette)).toFixed(2),
        mean(mine.map((r) => r.speckle)).toFixed(2),
        mean(mine.map((r) => r.ssim)).toFixed(3),
      ].map((v) => `**${v}**`);
    }),
  ];
  return [head, head.map(() => '---'), ...body, means].map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n';
}

/** One row per pair: content, painting, then each algorithm's result, each 160 px tall. */
async function writePanel(folder: string, rows: string[][]) {
  const cell = 128;
  const tiles = await Promise.all(
    rows.map((files) =>
      Promise.all(
        files.map((f) =>
          sharp(join(folder, f)).resize(cell, cell, { fit: 'contain', background: '#fff' }).png().toBuffer(),
        ),
      ),
    ),
  );
  const width = Math.max(...rows.map((r) => r.length)) * cell;
  await sharp({ create: { width, height: rows.length * cell, channels: 3, background: '#fff' } })
    .composite(tiles.flatMap((row, y) => row.map((input, x) => ({ input, left: x * cell, top: y * cell }))))
    .jpeg({ quality: 88 })
    .toFile(join(folder, 'panel.jpg'));
}
