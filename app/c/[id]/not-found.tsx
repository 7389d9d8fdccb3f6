import Link from 'next/link';

/** A share link whose creation was deleted, or that was not copied whole (answered with 404). */
export default function CreationNotFound() {
  return (
    <div data-testid="share-missing" className="mx-auto max-w-xl space-y-4 py-16 text-center">
      <h1 className="font-serif text-3xl text-white">This creation is not here</h1>
      <p className="text-muted">It may have been deleted by its author, or the link was not copied completely.</p>
      <Link href="/gallery" className="inline-block rounded-md bg-accent px-4 py-2 font-medium text-ink">
        See the gallery
      </Link>
    </div>
  );
}
