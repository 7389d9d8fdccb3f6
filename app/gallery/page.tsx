// The public gallery: creations their authors chose to list, newest first, 24 to a page.
import Link from 'next/link';
import { sharingServer } from '@/server/instance';
import { ReportButton } from '../_components/ReportButton';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Gallery · Neural Atelier' };

export default async function Gallery({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const { before } = await searchParams;
  const page = await (await sharingServer()).creations.gallery(typeof before === 'string' ? before : null);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="font-serif text-4xl text-white">Gallery</h1>
        <p className="mt-1 max-w-2xl text-muted">
          What people made and chose to show. Open one to see its recipe and remix it in its studio.
        </p>
      </header>
      {page.items.length === 0 ? (
        <p data-testid="gallery-empty" className="rounded-xl border border-line bg-panel p-8 text-center text-muted">
          {before
            ? 'No older creations.'
            : 'Nothing here yet. Make something in a studio, press Share and tick “Show in the gallery”.'}
        </p>
      ) : (
        <ul data-testid="gallery" className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
          {page.items.map((c) => {
            const thumb = c.files.find((f) => f.name === 'thumb');
            return (
              <li
                key={c.id}
                data-testid="gallery-item"
                className="overflow-hidden rounded-xl border border-line bg-panel"
              >
                <Link href={`/c/${c.id}`} className="block">
                  {thumb ? (
                    // eslint-disable-next-line @next/next/no-img-element
                    <img
                      src={`/api/creations/${c.id}/files/thumb`}
                      alt={c.title}
                      width={thumb.width}
                      height={thumb.height}
                      loading="lazy"
                      className="aspect-square w-full bg-ink object-cover"
                    />
                  ) : (
                    <p
                      className={
                        'aspect-square overflow-hidden whitespace-pre-wrap p-3 font-serif text-sm text-[#ece8f5]'
                      }
                    >
                      {(c.text ?? '').slice(0, 400)}
                    </p>
                  )}
                </Link>
                <div className="flex items-center gap-2 px-3 py-2">
                  <Link href={`/c/${c.id}`} className="min-w-0 flex-1 truncate text-sm text-white hover:underline">
                    {c.title}
                  </Link>
                  <ReportButton id={c.id} />
                </div>
                <p className="px-3 pb-2 text-xs text-muted">
                  {c.studio} · {new Date(c.createdAt).toISOString().slice(0, 10)}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <nav className="flex justify-between text-sm">
        {before ? (
          <Link href="/gallery" className="text-muted hover:text-white">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {page.next && (
          <Link
            data-testid="gallery-older"
            href={`/gallery?before=${encodeURIComponent(page.next)}`}
            className="text-accent hover:underline"
          >
            Older →
          </Link>
        )}
      </nav>
    </div>
  );
}
