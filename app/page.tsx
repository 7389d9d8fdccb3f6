import Link from 'next/link';
import { MODELS, totalBytes } from '@/models/registry';
import showcase from '@/lib/showcase/showcase.json';
import type { ShowcaseCard } from '@/lib/showcase/types';
import { STUDIOS } from '@/lib/studio/studios';
import { HomeStatus } from './_components/HomeStatus';

const EXAMPLES = showcase as ShowcaseCard[];

export default function Home() {
  return (
    <div className="space-y-10">
      <section className="flex flex-wrap items-end justify-between gap-6">
        <div className="max-w-2xl">
          <h1 className="font-serif text-5xl leading-tight text-white">
            A studio for <span className="text-accent">neural</span> images, text and music.
          </h1>
          <p className="mt-3 text-lg text-muted">
            Every network runs here, on your own GPU. Nothing you make leaves this machine unless you share it, and
            every creation reopens exactly from its link.
          </p>
        </div>
        <HomeStatus models={MODELS.filter((m) => m.status === 'ready').map((m) => m.id)} />
      </section>
      <section className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
        {STUDIOS.map((s) => {
          const entry = MODELS.find((m) => m.id === s.model)!;
          const example = EXAMPLES.find((e) => e.studio === s.id);
          return (
            <article
              key={s.id}
              className={
                'group flex flex-col overflow-hidden rounded-2xl border border-line ' +
                `bg-gradient-to-br ${s.hue} transition hover:border-muted`
              }
            >
              {example && (
                <a
                  href={example.link}
                  data-testid={`showcase-${example.studio}`}
                  title="Open this in the studio: its recipe remakes it"
                  className="relative block bg-black/40"
                >
                  {/* eslint-disable-next-line @next/next/no-img-element --
                      a committed JPEG rendered by npm run showcase */}
                  <img
                    src={example.picture}
                    alt={example.alt}
                    width={example.width}
                    height={example.height}
                    className={`h-52 w-full transition group-hover:opacity-90 ${
                      example.studio === 'text' ? 'object-contain object-left' : 'object-cover'
                    }`}
                  />
                  <span className="absolute bottom-2 right-2 rounded-md bg-black/60 px-2 py-0.5 text-xs text-white">
                    open this in the studio →
                  </span>
                </a>
              )}
              <Link href={s.route} className="flex flex-1 flex-col p-6">
                <h2 className="font-serif text-2xl text-white">{s.title}</h2>
                <p className="mt-2 text-sm text-[#d5d0e3]">{s.blurb}</p>
                <p className="mt-auto flex items-center justify-between pt-4 text-xs text-muted">
                  <span>{entry.title}</span>
                  <span>
                    {entry.status === 'ready' ? `${(totalBytes(entry) / 1e6).toFixed(1)} MB` : 'not trained yet'}{' '}
                    {entry.status === 'ready' && <span data-cached={entry.id} />}
                  </span>
                </p>
              </Link>
            </article>
          );
        })}
      </section>
    </div>
  );
}
