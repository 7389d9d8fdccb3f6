'use client';
import { useEffect, useRef } from 'react';
import { drawDigit } from './draw-digit';

/** A 28x28 digit in [0, 1] as a canvas, its pixels kept sharp at whatever size `className` gives it. */
export function DigitCanvas({
  pixels,
  className,
  testId,
}: {
  pixels: Float32Array;
  className: string;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => drawDigit(pixels, canvas.current!), [pixels]);
  return (
    <canvas
      ref={canvas}
      data-testid={testId}
      width={28}
      height={28}
      className={`${className} [image-rendering:pixelated]`}
    />
  );
}
