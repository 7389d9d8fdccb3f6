// A model card's Markdown as a page: headings, lists, tables (GFM) and its pictures, served from
// /cards/<id>/. Raw HTML in the Markdown is never rendered (react-markdown escapes it), and links that point
// into the repository become plain text: the page has no such addresses.
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

function components(cardId: string): Components {
  return {
    // The article's own header names the model: the card's title would repeat it.
    h1: () => null,
    h2: ({ children }) => <h3 className="mt-6 font-serif text-xl text-white">{children}</h3>,
    h3: ({ children }) => <h4 className="mt-4 font-semibold text-white">{children}</h4>,
    p: ({ children }) => <p className="mt-3 leading-relaxed">{children}</p>,
    ul: ({ children }) => <ul className="mt-3 list-disc space-y-1.5 pl-5">{children}</ul>,
    ol: ({ children }) => <ol className="mt-3 list-decimal space-y-1.5 pl-5">{children}</ol>,
    strong: ({ children }) => <strong className="font-semibold text-white">{children}</strong>,
    code: ({ children }) => (
      <code className="rounded bg-black/30 px-1 py-0.5 font-mono text-[0.85em] text-[#e8e2f5]">{children}</code>
    ),
    // What may scroll sideways takes the keyboard's focus, so arrow keys can scroll it too.
    pre: ({ children }) => (
      <pre tabIndex={0} className="mt-3 overflow-x-auto rounded-lg bg-black/30 p-3 text-xs">
        {children}
      </pre>
    ),
    table: ({ children }) => (
      <div tabIndex={0} role="region" aria-label="Table" className="mt-3 overflow-x-auto">
        <table className="w-full border-collapse text-left text-xs">{children}</table>
      </div>
    ),
    th: ({ children }) => <th className="border-b border-line px-2 py-1.5 font-semibold text-white">{children}</th>,
    td: ({ children }) => <td className="border-b border-line/60 px-2 py-1.5 align-top">{children}</td>,
    a: ({ href, children }) =>
      href && /^https?:\/\//.test(href) ? (
        <a href={href} className="text-accent underline" rel="noreferrer">
          {children}
        </a>
      ) : (
        <span>{children}</span>
      ),
    img: ({ src, alt }) =>
      typeof src === 'string' && /^[a-z0-9-]+\.(png|jpg)$/.test(src) ? (
        // eslint-disable-next-line @next/next/no-img-element -- a card's own small picture, same-origin
        <img
          src={`/cards/${cardId}/${src}`}
          alt={alt ?? ''}
          className="mt-3 max-w-full rounded-lg [image-rendering:pixelated] sm:max-w-md"
        />
      ) : null,
  };
}

export function CardMarkdown({ cardId, text }: { cardId: string; text: string }) {
  return (
    <div className="mt-2 text-sm text-[#d5d0e3]" data-testid={`card-${cardId}`}>
      <Markdown remarkPlugins={[remarkGfm]} components={components(cardId)}>
        {text}
      </Markdown>
    </div>
  );
}
