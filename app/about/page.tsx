import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODELS, totalBytes } from '@/models/registry';
import { PICTURE_PRESETS, presetCredit, presetThumbUrl } from '@/lib/canvas/picture-presets';
import { STYLE_CARD_ID, TRAINING_CARD_ID } from '@/lib/cards';
import { CardMarkdown } from './CardMarkdown';

export const metadata = { title: 'Models and licenses · Neural Atelier' };

const DATA_LICENSES = [
  [
    'CelebA faces (DCGAN, face VAE)',
    'Non-commercial research use only. The images are real people; we ship only weights trained on them.',
  ],
  ['Nottingham folk tunes in ABC (music CharRNN)', 'GPL-3.0 (cleaned Nottingham Music Database).'],
  ["MNIST digits (VAE, the Lab's classifiers and its example digits)", 'Commonly CC BY-SA 3.0.'],
  ['Fashion-MNIST (VAE)', 'MIT (Zalando).'],
  ['Tiny Shakespeare, Moby-Dick, State of the Union (CharRNN)', 'Public domain.'],
  [
    'InceptionV3 via nsfwjs@4.3.0',
    'MIT package; ImageNet weights from Keras Applications (Apache-2.0). Only the frozen layers up to mixed5 are used.',
  ],
];

/** The model card, read at build time from models/<id>/README.md. */
function card(id: string): string | null {
  const file = join(process.cwd(), 'models', id, 'README.md');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

export default function About() {
  return (
    <div className="space-y-10">
      <header>
        <h1 className="font-serif text-4xl text-white">Models and licenses</h1>
        <p className="mt-2 max-w-2xl text-muted">
          Every network in the studio, where its weights came from, how well it does, and the terms of the data it
          learned from.
        </p>
      </header>
      <section className="space-y-6">
        {MODELS.map((m) => {
          const text = card(m.id);
          return (
            <article key={m.id} id={m.id} className="rounded-xl border border-line bg-panel p-6">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-serif text-2xl text-white">{m.title}</h2>
                <span className="font-mono text-xs text-muted">
                  {m.id} v{m.version} ·{' '}
                  {m.status === 'ready' ? `${(totalBytes(m) / 1e6).toFixed(1)} MB` : 'not trained yet'}
                </span>
              </div>
              <p className="mt-1 text-sm text-muted">
                {m.purpose} · {m.license}
              </p>
              {text ? (
                <CardMarkdown cardId={m.id} text={text} />
              ) : (
                <p className="mt-4 text-sm text-muted">Its card comes with its first trained weights.</p>
              )}
            </article>
          );
        })}
      </section>
      <WeightlessCard id={STYLE_CARD_ID} anchor="style-algorithm" title="Style transfer algorithm" />
      <WeightlessCard id={TRAINING_CARD_ID} anchor="training" title="Training in the browser" />
      <PresetCredits />
      <section>
        <h2 className="font-serif text-2xl text-white">Data licenses</h2>
        <dl className="mt-3 divide-y divide-line rounded-xl border border-line bg-panel">
          {DATA_LICENSES.map(([what, terms]) => (
            <div key={what} className="grid gap-1 p-4 sm:grid-cols-[18rem_1fr]">
              <dt className="text-white">{what}</dt>
              <dd className="text-sm text-muted">{terms}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

/** A card with no weights of its own: the style algorithm (it uses InceptionV3), training in the browser. */
function WeightlessCard({ id, anchor, title }: { id: string; anchor: string; title: string }) {
  const text = card(id);
  if (!text) return null;
  return (
    <section id={anchor} className="rounded-xl border border-line bg-panel p-6">
      <h2 className="font-serif text-2xl text-white">{title}</h2>
      <CardMarkdown cardId={id} text={text} />
    </section>
  );
}

function PresetCredits() {
  return (
    <section id="presets">
      <h2 className="font-serif text-2xl text-white">Preset paintings and photos</h2>
      <p className="mt-1 max-w-2xl text-sm text-muted">
        Every picture the studios offer is in the public domain or CC0; we downscaled each (long side at most 768 px).
      </p>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2" data-testid="preset-credits">
        {PICTURE_PRESETS.map((p) => (
          <li key={p.id} className="flex gap-3 rounded-xl border border-line bg-panel p-3">
            {/* eslint-disable-next-line @next/next/no-img-element -- a 128 px thumbnail, same-origin */}
            <img src={presetThumbUrl(p)} alt={presetCredit(p)} className="h-16 w-16 shrink-0 rounded object-cover" />
            <div className="text-sm">
              <p className="text-white">{presetCredit(p)}</p>
              <p className="text-xs text-muted">
                {p.kind} · {p.license} · {p.source}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
