// The public-domain paintings and photos the studio ships as presets (public/presets/, made by
// scripts/make-presets.ts). A recipe names one by id and the start of its sha256; the file behind an id never
// changes, so a link keeps its picture. Files are fetched once, checked and kept in Cache Storage (offline).
import { fetchVerified } from '../models/loader';
import catalogue from './preset-files.json';

export interface PresetFile {
  id: string;
  kind: 'painting' | 'photo';
  title: string;
  /** Artist or photographer. */
  author: string;
  year: string;
  license: string;
  /** Where the picture comes from. */
  source: string;
  file: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
}

export const PICTURE_PRESETS = catalogue as PresetFile[];

/** How many hex digits of a preset's sha256 a recipe carries. */
export const PRESET_HASH_CHARS = 16;

export const picturePresetById = (id: string) => PICTURE_PRESETS.find((p) => p.id === id);

export const presetUrl = (p: PresetFile) => `/presets/${p.file}`;
export const presetThumbUrl = (p: PresetFile) => `/presets/thumbs/${p.file}`;

/** "The Starry Night, Vincent van Gogh, 1889": the credit the picker, /about and share pages show. */
export const presetCredit = (p: PresetFile) => [p.title, p.author, p.year].filter(Boolean).join(', ');

/** The preset's verified bytes as an image Blob. */
export async function presetBlob(p: PresetFile): Promise<Blob> {
  const data = await fetchVerified(presetUrl(p), p, { title: p.title, name: p.file });
  return new Blob([data], { type: 'image/jpeg' });
}
