'use client';
import type { Ref } from 'react';
import { CELL } from './grid';

interface Props {
  canvas: Ref<HTMLCanvasElement>;
  count: number;
  columns: number;
  /** the picked faces' indices, in the order A, B, C */
  picks: number[];
  onPick: (index: number) => void;
}

/** The grid of faces; a click picks or unpicks the face under it, and each pick wears its letter. */
export function FaceGrid({ canvas, count, columns, picks, onPick }: Props) {
  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - rect.left) / rect.width) * e.currentTarget.width;
    const y = ((e.clientY - rect.top) / rect.height) * e.currentTarget.height;
    const index = Math.floor((y - 4) / CELL) * columns + Math.floor((x - 4) / CELL);
    if (index >= 0 && index < count) onPick(index);
  };
  const rows = Math.ceil(count / columns);
  return (
    <div className="relative w-full max-w-[40rem]">
      <canvas
        data-testid="result"
        ref={canvas}
        onClick={onClick}
        className="block h-auto w-full cursor-pointer rounded-lg"
        width={1}
        height={1}
      />
      {picks.map((i, k) => (
        <span
          key={i}
          className="pointer-events-none absolute rounded bg-accent px-1.5 text-xs font-bold text-ink"
          style={{
            left: `${((4 + (i % columns) * CELL) / (columns * CELL + 4)) * 100}%`,
            top: `${((4 + Math.floor(i / columns) * CELL) / (rows * CELL + 4)) * 100}%`,
          }}
        >
          {'ABC'[k]}
        </span>
      ))}
    </div>
  );
}
