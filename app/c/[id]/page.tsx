// The share page of a stored creation: the output as it was made, its recipe, Remix, and for its author
// Delete and listing. Rendered on the server, so the link previews (Open Graph) show the image.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { decodeRecipe } from '@/lib/share/codec';
import { FIELD } from '@/lib/share/limits';
import { modelFileName } from '@/lib/store/own-model-file';
import { imageRefsOf, isOwnModelRef, type Recipe } from '@/lib/share/recipe';
import { sharingServer } from '@/server/instance';
import type { CreationRecord } from '@/server/types';
import { studioById } from '@/lib/studio/studios';
import { ReportButton } from '../../_components/ReportButton';
import { AuthorControls } from './AuthorControls';
import { RecipeTable } from './RecipeTable';

export const dynamic = 'force-dynamic';

/** A studio's short name, as the navigation shows it. */
const studioName = (id: Recipe['studio']) => studioById(id).nav;

interface Props {
  params: Promise<{ id: string }>;
}

// One database read per request: the metadata and the page both ask (React dedupes a cached call).
const find = cache(async (id: string): Promise<CreationRecord | null> => (await sharingServer()).creations.get(id));

/** Open Graph needs absolute addresses: ATELIER_PUBLIC_URL when set, else the address this request came to. */
async function siteUrl(): Promise<URL> {
  if (process.env.ATELIER_PUBLIC_URL) return new URL(process.env.ATELIER_PUBLIC_URL);
  const h = await headers();
  return new URL(
    `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost'}`,
  );
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const record = await find((await params).id);
  if (!record) return { title: 'Not found · Neural Atelier' };
  const output = record.files.find((f) => f.name === 'output');
  const description =
    `Made in the Neural Atelier ${studioName(record.studio)} studio, in the browser. ` +
    'Open it to see the recipe and remix it.';
  return {
    metadataBase: await siteUrl(),
    title: `${record.title} · Neural Atelier`,
    description,
    openGraph: {
      title: record.title,
      description,
      type: 'article',
      images: output
        ? [
            {
              url: `/api/creations/${record.id}/files/output`,
              width: output.width,
              height: output.height,
              alt: record.title,
            },
          ]
        : undefined,
    },
    twitter: { card: output ? 'summary_large_image' : 'summary' },
  };
}

export default async function SharePage({ params }: Props) {
  const record = await find((await params).id);
  if (!record) notFound();
  const recipe = await decodeRecipe(record.recipe);
  const output = record.files.find((f) => f.name === 'output');
  const modelFile = record.files.find((f) => f.name === FIELD.model);
  const inputs = imageRefsOf(recipe).flatMap((ref, slot) => (ref.kind === 'shared' ? [slot] : []));
  return (
    <article className="grid gap-8 lg:grid-cols-[1fr_24rem]">
      <section className="space-y-4">
        {output && (
          // eslint-disable-next-line @next/next/no-img-element
          <img
            data-testid="shared-output"
            src={`/api/creations/${record.id}/files/output`}
            width={output.width}
            height={output.height}
            alt={record.title}
            className="mx-auto h-auto max-h-[75vh] w-full rounded-xl border border-line bg-panel object-contain"
          />
        )}
        {record.text !== null && (
          <pre
            data-testid="shared-text"
            className={
              'max-h-[75vh] overflow-auto whitespace-pre-wrap rounded-xl border border-line bg-panel p-5 font-serif ' +
              'text-lg leading-relaxed text-[#ece8f5]'
            }
          >
            {record.text}
          </pre>
        )}
      </section>
      <aside className="space-y-5">
        <header>
          <p className="text-xs uppercase tracking-widest text-accent">{studioName(record.studio)}</p>
          <h1 data-testid="shared-title" className="mt-1 font-serif text-3xl text-white">
            {record.title}
          </h1>
          <p className="mt-1 text-sm text-muted">
            Shared {new Date(record.createdAt).toUTCString().replace(/:\d\d GMT$/, ' UTC')}
            {record.listed ? ' · in the gallery' : ' · unlisted'}
          </p>
        </header>
        <a
          data-testid="remix"
          href={`/${record.studio}#r=${record.recipe}`}
          className="block rounded-md bg-accent px-4 py-2 text-center font-medium text-ink hover:brightness-110"
        >
          Remix in the {studioName(record.studio)} studio
        </a>
        {modelFile && isOwnModelRef(recipe.model) && (
          <p data-testid="shared-model" className="text-sm text-muted">
            Written by <span className="text-white">{recipe.model.name}</span>, a model its author trained in the
            studio.{' '}
            <a
              data-testid="shared-model-download"
              href={`/api/creations/${record.id}/files/${FIELD.model}`}
              download={modelFileName(recipe.model.name)}
              className="text-accent underline"
            >
              Download the model ({(modelFile.bytes / 1e6).toFixed(1)} MB)
            </a>
          </p>
        )}
        {inputs.length > 0 && (
          <div className="space-y-2">
            <h2 className="text-sm text-muted">Made from</h2>
            <div className="flex flex-wrap gap-2">
              {inputs.map((slot) => (
                // eslint-disable-next-line @next/next/no-img-element
                <img
                  key={slot}
                  data-testid={`shared-input-${slot}`}
                  src={`/api/creations/${record.id}/files/input-${slot}`}
                  alt={`input ${slot + 1}`}
                  className="h-20 w-20 rounded border border-line object-cover"
                />
              ))}
            </div>
          </div>
        )}
        <RecipeTable recipe={recipe} />
        <AuthorControls id={record.id} listed={record.listed} />
        <ReportButton id={record.id} />
      </aside>
    </article>
  );
}
