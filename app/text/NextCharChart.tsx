'use client';
import { VOCAB } from '@/models/charrnn/vocab';

const SHOWN = 10;

/** How a character reads on a bar label: newline and space made visible. */
export const visible = (c: string) => (c === '\n' ? '⏎' : c === ' ' ? '␣' : c === '\u0000' ? '�' : c);

interface Props {
  /** The model's next-character logits after the last character, or null before any. */
  logits: Float32Array | null;
  /** Forcing is offered while the writer is paused or done. */
  canForce: boolean;
  onForce: (char: string) => void;
}

/** The model's probabilities (softmax of its logits, before temperature and top-k/p) for the next character. */
export function NextCharChart({ logits, canForce, onForce }: Props) {
  if (!logits)
    return <p className="text-sm text-muted">The chart of likely next characters appears once writing starts.</p>;
  const max = logits.reduce((m, v) => Math.max(m, v), -Infinity);
  const exp = Array.from(logits, (v) => Math.exp(v - max));
  const total = exp.reduce((a, b) => a + b, 0);
  const top = exp
    .map((p, id) => ({ id, p: p / total }))
    .sort((a, b) => b.p - a.p)
    .slice(0, SHOWN);
  return (
    <div data-testid="next-chars" className="space-y-1">
      <p className="text-xs text-muted">
        {canForce
          ? 'Click a character to force it and write on from there (a branch).'
          : 'Next character, as the network sees it (pause to force one):'}
      </p>
      {top.map(({ id, p }, rank) => (
        <button
          key={id}
          data-testid={`next-char-${rank}`}
          data-char={VOCAB[id]}
          disabled={!canForce}
          onClick={() => onForce(VOCAB[id])}
          className="group flex w-full items-center gap-2 text-left text-sm disabled:cursor-default"
          title={canForce ? `Force "${visible(VOCAB[id])}"` : undefined}
        >
          <span className="w-6 text-center font-mono text-white">{visible(VOCAB[id])}</span>
          <span className="h-3 flex-1 overflow-hidden rounded bg-line">
            <span
              className="block h-full rounded bg-accent transition-all group-enabled:group-hover:bg-white"
              style={{ width: `${Math.max(1, 100 * p)}%` }}
            />
          </span>
          <span className="w-12 text-right font-mono text-xs text-muted">{(100 * p).toFixed(1)}%</span>
        </button>
      ))}
    </div>
  );
}
