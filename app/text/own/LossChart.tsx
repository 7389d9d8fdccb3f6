'use client';
import type { TrainingReport as Report } from '@/lib/store/own-models';

const [W, H, PAD] = [480, 180, 28];

/** Training and held-out loss (nats/char) against characters read, with the unigram entropy as the bar to beat. */
export function LossChart({ reports }: { reports: Report[] }) {
  if (reports.length === 0) return null;
  const unigram = reports[0].unigram;
  const xMax = Math.max(1, reports.at(-1)!.charsRead);
  const values = [unigram, ...reports.flatMap((r) => [r.trainLoss, r.heldOutLoss])];
  const [yMin, yMax] = [Math.max(0, Math.min(...values) - 0.2), Math.max(...values) + 0.1];
  const x = (chars: number) => PAD + ((W - 2 * PAD) * chars) / xMax;
  const y = (nats: number) => H - PAD - ((H - 2 * PAD) * (nats - yMin)) / (yMax - yMin);
  const line = (value: (r: Report) => number) => reports.map((r) => `${x(r.charsRead)},${y(value(r))}`).join(' ');
  const last = reports.at(-1)!;
  return (
    <figure className="space-y-1">
      <svg
        data-testid="loss-chart"
        viewBox={`0 0 ${W} ${H}`}
        className="w-full max-w-xl rounded-lg bg-ink/60"
        role="img"
        aria-label={
          `Loss after ${last.charsRead.toLocaleString('en')} characters: training ${last.trainLoss.toFixed(2)}, ` +
          `held out ${last.heldOutLoss.toFixed(2)} nats per character; ` +
          `character frequencies alone: ${unigram.toFixed(2)}`
        }
      >
        <line x1={PAD} x2={W - PAD} y1={y(unigram)} y2={y(unigram)} className="stroke-muted" strokeDasharray="4 4" />
        <text x={W - PAD} y={y(unigram) - 4} textAnchor="end" className="fill-muted text-[10px]">
          character frequencies alone
        </text>
        <polyline points={line((r) => r.trainLoss)} fill="none" className="stroke-accent" strokeWidth={1.5} />
        <polyline points={line((r) => r.heldOutLoss)} fill="none" className="stroke-sky-400" strokeWidth={2} />
        <text x={PAD} y={PAD - 10} className="fill-muted text-[10px]">
          nats/char ({yMin.toFixed(1)} to {yMax.toFixed(1)})
        </text>
        <text x={W - PAD} y={H - 8} textAnchor="end" className="fill-muted text-[10px]">
          {last.charsRead.toLocaleString('en')} characters read
        </text>
      </svg>
      <figcaption className="text-xs text-muted">
        <span className="text-accent">training</span> and <span className="text-sky-400">held-out</span> loss: the
        held-out line is text the model never learns from (the last 10%), so it says how well it really writes.
      </figcaption>
    </figure>
  );
}
