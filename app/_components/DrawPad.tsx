'use client';
import type Konva from 'konva';
import { useRef, useState } from 'react';
import { Layer, Line, Rect, Stage } from 'react-konva';

const PAD = 224; // px of the drawing surface
const SIDE = 28; // px the models read
const BOX = 20; // MNIST digits fill a 20 px box centred in 28 px

interface Props {
  /** The drawing as 28x28 intensities in [0, 1], white on black, framed as the training digits were. */
  onEncode: (pixels: Float32Array) => void;
  /** The drawing so far, while the pen is down, at most once per animation frame (the Lab's live layers). */
  onDraw?: (pixels: Float32Array) => void;
  disabled: boolean;
}

/** Crops the ink's bounding box, scales it into the 20 px box and centres it on 28x28, as MNIST was made. */
function frameDrawing(source: HTMLCanvasElement): Float32Array | null {
  const { width, height } = source;
  const ink = source.getContext('2d')!.getImageData(0, 0, width, height).data;
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[(y * width + x) * 4] < 40) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) return null;
  const [w, h] = [right - left + 1, bottom - top + 1];
  const scale = BOX / Math.max(w, h);
  const small = Object.assign(document.createElement('canvas'), { width: SIDE, height: SIDE });
  const ctx = small.getContext('2d')!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, SIDE, SIDE);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, left, top, w, h, (SIDE - w * scale) / 2, (SIDE - h * scale) / 2, w * scale, h * scale);
  const rgba = ctx.getImageData(0, 0, SIDE, SIDE).data;
  return Float32Array.from({ length: SIDE * SIDE }, (_, i) => rgba[i * 4] / 255);
}

/** A Konva pad to draw a digit (or a garment's outline) with the mouse, a pen or a finger. */
export function DrawPad({ onEncode, onDraw, disabled }: Props) {
  const stage = useRef<Konva.Stage>(null);
  const [lines, setLines] = useState<number[][]>([]);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(false);
  const frame = useRef(0);

  const point = () => {
    const p = stage.current!.getPointerPosition();
    return p ? [p.x, p.y] : null;
  };

  const encode = () => {
    const pixels = frameDrawing(stage.current!.toCanvas({ pixelRatio: 1 }));
    setEmpty(pixels === null);
    if (pixels) onEncode(pixels);
  };

  return (
    <div className="space-y-2">
      <div
        data-testid="draw-pad"
        className="w-fit cursor-crosshair touch-none overflow-hidden rounded-lg border border-line"
      >
        <Stage
          ref={stage}
          width={PAD}
          height={PAD}
          onPointerDown={() => {
            const p = point();
            if (!p) return;
            drawing.current = true;
            setLines((l) => [...l, p]);
          }}
          onPointerMove={() => {
            const p = point();
            if (!drawing.current || !p) return;
            setLines((l) => [...l.slice(0, -1), [...l[l.length - 1], ...p]]);
            if (onDraw && !frame.current) {
              // The next frame, after Konva has drawn this point: one drawing per frame however fast the pen moves.
              frame.current = requestAnimationFrame(() => {
                frame.current = 0;
                const pixels = drawing.current && frameDrawing(stage.current!.toCanvas({ pixelRatio: 1 }));
                if (pixels) onDraw(pixels);
              });
            }
          }}
          onPointerUp={() => {
            drawing.current = false;
            // After React and Konva have taken the last points in.
            requestAnimationFrame(encode);
          }}
          onPointerLeave={() => {
            if (drawing.current) requestAnimationFrame(encode);
            drawing.current = false;
          }}
        >
          <Layer>
            <Rect width={PAD} height={PAD} fill="#000" />
            {lines.map((points, i) => (
              <Line
                key={i}
                points={points.length === 2 ? [...points, ...points] : points}
                stroke="#fff"
                strokeWidth={18}
                lineCap="round"
                lineJoin="round"
              />
            ))}
          </Layer>
        </Stage>
      </div>
      <div className="flex items-center gap-2 text-sm">
        <button
          data-testid="encode-drawing"
          disabled={disabled || lines.length === 0}
          onClick={encode}
          className="rounded-md border border-line px-3 py-1 disabled:opacity-40"
        >
          Encode
        </button>
        <button
          onClick={() => setLines([])}
          disabled={lines.length === 0}
          className="rounded-md border border-line px-3 py-1 disabled:opacity-40"
        >
          Clear
        </button>
        <span className="text-xs text-muted">{empty ? 'Draw something first.' : 'Lifting the pen encodes it.'}</span>
      </div>
    </div>
  );
}
