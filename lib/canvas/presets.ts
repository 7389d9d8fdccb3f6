/**
 * Preset images. Textures the project makes itself: deterministic, any size, pure functions of (width, height)
 * returning RGBA bytes, so a recipe naming one always gets the same pixels. Paintings and photos: files
 * (picture-presets.ts).
 */
import { mulberry32 } from '../../models/core/random';
import type { ImageRef } from '../share/recipe';
import { PICTURE_PRESETS, PRESET_HASH_CHARS, picturePresetById } from './picture-presets';

export interface Preset {
  id: string;
  title: string;
  render: (width: number, height: number) => Uint8ClampedArray<ArrayBuffer>;
}

/** Smooth value noise in [0, 1] on a lattice of `cells` per side, seeded. */
function valueNoise(seed: number, cells: number) {
  const random = mulberry32(seed);
  const n = cells + 1;
  const lattice = Float32Array.from({ length: n * n }, () => random());
  const smooth = (t: number) => t * t * (3 - 2 * t);
  return (u: number, v: number) => {
    const x = u * cells;
    const y = v * cells;
    const x0 = Math.min(cells - 1, Math.floor(x));
    const y0 = Math.min(cells - 1, Math.floor(y));
    const fx = smooth(x - x0);
    const fy = smooth(y - y0);
    const at = (i: number, j: number) => lattice[j * n + i];
    const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
    const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
    return top * (1 - fy) + bottom * fy;
  };
}

function fractal(seed: number) {
  const octaves = [3, 6, 12, 24].map((cells, i) => ({ noise: valueNoise(seed + i, cells), weight: 0.5 ** i }));
  const norm = octaves.reduce((s, o) => s + o.weight, 0);
  return (u: number, v: number) => octaves.reduce((s, o) => s + o.noise(u, v) * o.weight, 0) / norm;
}

const mix = (a: number[], b: number[], t: number) => a.map((x, i) => x + (b[i] - x) * t);

function paint(
  width: number,
  height: number,
  colour: (u: number, v: number) => number[],
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = colour(x / Math.max(1, width - 1), y / Math.max(1, height - 1));
      out.set([c[0], c[1], c[2], 255], (y * width + x) * 4);
    }
  }
  return out;
}

export const PRESETS: Preset[] = [
  {
    id: 'clouds',
    title: 'Evening clouds',
    render: (w, h) => {
      const f = fractal(11);
      return paint(w, h, (u, v) => {
        const sky = mix([40, 70, 140], [250, 170, 120], v);
        return mix(sky, [245, 240, 235], Math.max(0, f(u, v) * 1.6 - 0.55));
      });
    },
  },
  {
    id: 'marble',
    title: 'Green marble',
    render: (w, h) => {
      const f = fractal(23);
      return paint(w, h, (u, v) => {
        const vein = 0.5 + 0.5 * Math.sin((u * 3 + v * 2 + f(u, v) * 4) * Math.PI);
        return mix([20, 60, 50], [210, 225, 200], vein ** 3);
      });
    },
  },
  {
    id: 'orbs',
    title: 'Soft orbs',
    render: (w, h) => {
      const random = mulberry32(5);
      const orbs = Array.from({ length: 7 }, () => ({
        x: random(),
        y: random(),
        r: 0.12 + random() * 0.2,
        c: [random() * 255, random() * 200, 120 + random() * 135],
      }));
      return paint(w, h, (u, v) =>
        orbs.reduce((c, o) => mix(c, o.c, Math.exp(-((u - o.x) ** 2 + (v - o.y) ** 2) / (o.r * o.r))), [30, 24, 40]),
      );
    },
  },
  {
    id: 'mosaic',
    title: 'Mosaic',
    render: (w, h) => {
      // Voronoi tiles in a warm palette, with dark grout between them.
      const random = mulberry32(17);
      const palette = [
        [196, 64, 44],
        [232, 172, 62],
        [40, 94, 140],
        [238, 226, 200],
        [92, 140, 80],
        [120, 50, 90],
      ];
      const cells = Array.from({ length: 60 }, () => ({
        x: random(),
        y: random(),
        c: palette[Math.floor(random() * palette.length)],
      }));
      return paint(w, h, (u, v) => {
        let [first, second, colour] = [Infinity, Infinity, palette[0]];
        for (const cell of cells) {
          const d = (u - cell.x) ** 2 + (v - cell.y) ** 2;
          if (d < first) [second, first, colour] = [first, d, cell.c];
          else if (d < second) second = d;
        }
        return Math.sqrt(second) - Math.sqrt(first) < 0.012 ? [30, 26, 24] : colour;
      });
    },
  },
  {
    id: 'brushwork',
    title: 'Swirling brushwork',
    render: (w, h) => {
      // Short strokes along a swirling flow field: thick paint in blues and yellows.
      const flow = fractal(31);
      const grain = fractal(37);
      return paint(w, h, (u, v) => {
        const angle = flow(u, v) * Math.PI * 4;
        const along = (u * Math.cos(angle) + v * Math.sin(angle)) * 60;
        const stroke = 0.5 + 0.5 * Math.sin(along + grain(u * 3, v * 3) * 12);
        return mix(mix([24, 44, 110], [60, 110, 190], grain(u, v)), [240, 200, 70], stroke ** 4);
      });
    },
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The reference a recipe keeps for a preset: a picture's carries the start of its sha256. */
export function presetRef(id: string): Extract<ImageRef, { kind: 'preset' }> {
  const picture = picturePresetById(id);
  return picture ? { kind: 'preset', id, hash: picture.sha256.slice(0, PRESET_HASH_CHARS) } : { kind: 'preset', id };
}

/** A preset's title, picture or texture. */
export const presetTitle = (id: string) => (picturePresetById(id) ?? presetById(id))?.title ?? id;

export { PICTURE_PRESETS };
