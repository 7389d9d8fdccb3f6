'use client';
import { useEffect, useRef } from 'react';
import { latentAtMap, mapPosition, type LatentAtlas } from '@/models/vae/atlas';
import { CLASS_COLOURS } from './spaces';

type ClassMap = NonNullable<LatentAtlas['map']>;

interface Props {
  map: ClassMap;
  classes: string[];
  z: ArrayLike<number>;
  /** Interpolation ends, drawn as lettered markers joined by a line. */
  ends: { a: ArrayLike<number> | null; b: ArrayLike<number> | null };
  onMove: (z: Float32Array) => void;
}

const SIZE = 480; // canvas px; CSS scales it to the column

/** The encoded training set as a class-coloured density (aggregate histogram), with the current point. */
function drawMap(ctx: CanvasRenderingContext2D, map: ClassMap, classes: string[]) {
  ctx.fillStyle = '#0e0d12';
  ctx.fillRect(0, 0, SIZE, SIZE);
  // One pixel a cell, scaled up with smoothing: a density, not a mosaic.
  const density = new ImageData(map.cells, map.cells);
  const peak = Math.log1p(Math.max(...map.counts));
  for (let i = 0; i < map.counts.length; i++) {
    if (map.counts[i] === 0) continue;
    const colour = CLASS_COLOURS[parseInt(map.labels[i], 36) % CLASS_COLOURS.length];
    density.data.set(
      [1, 3, 5].map((k) => parseInt(colour.slice(k, k + 2), 16)),
      i * 4,
    );
    density.data[i * 4 + 3] = Math.round(255 * (0.25 + (0.75 * Math.log1p(map.counts[i])) / peak));
  }
  const cells = Object.assign(document.createElement('canvas'), { width: map.cells, height: map.cells });
  cells.getContext('2d')!.putImageData(density, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(cells, 0, 0, SIZE, SIZE);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = 'rgba(255,255,255,0.12)';
  ctx.beginPath();
  ctx.moveTo(SIZE / 2, 0);
  ctx.lineTo(SIZE / 2, SIZE);
  ctx.moveTo(0, SIZE / 2);
  ctx.lineTo(SIZE, SIZE / 2);
  ctx.stroke();
  ctx.font = 'bold 15px ui-sans-serif, system-ui';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  map.centroids.forEach((c, label) => {
    const { fx, fy } = mapPosition(map, c);
    ctx.lineWidth = 4;
    ctx.strokeStyle = 'rgba(14,13,18,0.85)';
    ctx.strokeText(classes[label] ?? String(label), fx * SIZE, fy * SIZE);
    ctx.fillStyle = '#fff';
    ctx.fillText(classes[label] ?? String(label), fx * SIZE, fy * SIZE);
  });
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export function LatentMap({ map, classes, z, ends, onMove }: Props) {
  const background = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const dragging = useRef(false);

  useEffect(() => drawMap(background.current!.getContext('2d')!, map, classes), [map, classes]);

  // The markers are redrawn on their own canvas, so a drag never repaints the 2,304 histogram cells.
  useEffect(() => {
    const ctx = overlay.current!.getContext('2d')!;
    ctx.clearRect(0, 0, SIZE, SIZE);
    const at = (v: ArrayLike<number>) => {
      const { fx, fy } = mapPosition(map, v);
      return [clamp01(fx) * SIZE, clamp01(fy) * SIZE] as const;
    };
    if (ends.a && ends.b) {
      ctx.strokeStyle = 'rgba(255,255,255,0.7)';
      ctx.setLineDash([6, 5]);
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(...at(ends.a));
      ctx.lineTo(...at(ends.b));
      ctx.stroke();
      ctx.setLineDash([]);
    }
    for (const [letter, v] of [
      ['A', ends.a],
      ['B', ends.b],
    ] as const) {
      if (!v) continue;
      const [x, y] = at(v);
      ctx.fillStyle = '#fff';
      ctx.fillRect(x - 9, y - 9, 18, 18);
      ctx.fillStyle = '#0e0d12';
      ctx.font = 'bold 13px ui-sans-serif, system-ui';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(letter, x, y + 1);
    }
    const [x, y] = at(z);
    ctx.beginPath();
    ctx.arc(x, y, 9, 0, 2 * Math.PI);
    ctx.fillStyle = 'rgba(242,182,109,0.9)';
    ctx.fill();
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#fff';
    ctx.stroke();
  }, [map, z, ends]);

  const moveTo = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    onMove(
      latentAtMap(map, clamp01((e.clientX - rect.left) / rect.width), clamp01((e.clientY - rect.top) / rect.height)),
    );
  };
  const { fx, fy } = mapPosition(map, z);

  return (
    <div className="relative aspect-square w-full max-w-[30rem]">
      <canvas ref={background} width={SIZE} height={SIZE} className="absolute inset-0 h-full w-full rounded-lg" />
      <canvas
        ref={overlay}
        data-testid="latent-map"
        data-marker={`${fx.toFixed(4)},${fy.toFixed(4)}`}
        aria-label="Latent map: drag to move through the space"
        width={SIZE}
        height={SIZE}
        className="absolute inset-0 h-full w-full cursor-crosshair touch-none rounded-lg"
        onPointerDown={(e) => {
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => dragging.current && moveTo(e)}
        onPointerUp={() => (dragging.current = false)}
      />
    </div>
  );
}
