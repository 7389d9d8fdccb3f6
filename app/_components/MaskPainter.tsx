'use client';
import { useRef, useState } from 'react';
import { Layer, Line, Stage } from 'react-konva';
import type { MaskStrokes } from '@/lib/share/recipe';

interface Props {
  width: number;
  height: number;
  mask: MaskStrokes | undefined;
  brush: number; // diameter as a fraction of the long side
  onChange: (mask: MaskStrokes | undefined) => void;
  feather: number;
}

type Stroke = MaskStrokes['strokes'][number];

/** A Konva brush over the image: paint where to dream, or where a style goes. Strokes are kept in thousandths of the
 * image, so the same mask fits the working size, the full-resolution export and the recipe link. */
export function MaskPainter({ width, height, mask, brush, onChange, feather }: Props) {
  const [drawing, setDrawing] = useState<Stroke | null>(null);
  const latest = useRef<Stroke | null>(null);
  const long = Math.max(width, height);
  const toUnits = (x: number, y: number) => [Math.round((x / width) * 1000), Math.round((y / height) * 1000)];
  const strokes = [...(mask?.strokes ?? []), ...(drawing ? [drawing] : [])];

  const begin = (x: number, y: number) => {
    latest.current = { size: brush, points: toUnits(x, y) };
    setDrawing(latest.current);
  };
  const extend = (x: number, y: number) => {
    if (!latest.current || latest.current.points.length >= 3998) return;
    latest.current = { ...latest.current, points: [...latest.current.points, ...toUnits(x, y)] };
    setDrawing(latest.current);
  };
  const end = () => {
    if (latest.current) onChange({ feather, strokes: [...(mask?.strokes ?? []), latest.current].slice(-200) });
    latest.current = null;
    setDrawing(null);
  };

  return (
    <div data-testid="mask-painter" className="absolute inset-0 cursor-crosshair touch-none">
      <Stage
        width={width}
        height={height}
        onPointerDown={(e) => {
          const p = e.target.getStage()!.getPointerPosition()!;
          begin(p.x, p.y);
        }}
        onPointerMove={(e) => {
          const p = e.target.getStage()!.getPointerPosition();
          if (p) extend(p.x, p.y);
        }}
        onPointerUp={end}
        onPointerLeave={end}
      >
        <Layer opacity={0.45}>
          {strokes.map((s, i) => (
            <Line
              key={i}
              points={s.points.map((v, k) => (v / 1000) * (k % 2 ? height : width))}
              stroke="#f2b66d"
              strokeWidth={s.size * long}
              lineCap="round"
              lineJoin="round"
            />
          ))}
        </Layer>
      </Stage>
    </div>
  );
}
