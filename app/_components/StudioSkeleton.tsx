/** What a studio shows while its code loads: the page contract's status already says "loading". */
export function StudioSkeleton({ title }: { title: string }) {
  return (
    <div className="space-y-4">
      <h1 className="font-serif text-4xl text-white">{title}</h1>
      <span data-testid="status" className="rounded-full border border-line px-3 py-0.5 font-mono text-xs text-muted">
        loading
      </span>
      <div className="h-96 animate-pulse rounded-xl border border-line bg-panel/60" />
    </div>
  );
}
