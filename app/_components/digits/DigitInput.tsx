'use client';
import { EXAMPLE_DIGITS } from '@/models/classifier/examples';
import { decodeDigit } from '@/lib/share/recipe';
import { DigitCanvas } from './DigitCanvas';
import { DrawPad } from '../DrawPad';

const EXAMPLE_PIXELS = EXAMPLE_DIGITS.map(decodeDigit);
const LAB_HINT = 'Draw a digit: the layers follow your pen, and lifting it makes the link.';

interface Props {
  disabled: boolean;
  /** the pen lifted: the digit as drawn, encoded */
  onDrawn: (pixels: Float32Array) => void;
  /** the pen moved: the digit so far */
  onDrawing: (pixels: Float32Array) => void;
  /** an MNIST example, encoded as a recipe keeps it */
  onExample: (digit: string) => void;
  /** what drawing does here */
  hint?: string;
}

/** The digit a digit studio reads: drawn with the pen, or one of MNIST's. */
export function DigitInput({ disabled, onDrawn, onDrawing, onExample, hint = LAB_HINT }: Props) {
  return (
    <div className="space-y-1">
      <p className="text-sm text-muted">{hint}</p>
      <DrawPad disabled={disabled} onEncode={onDrawn} onDraw={onDrawing} />
      <p className="pt-1 text-sm text-muted">or pick one from MNIST:</p>
      <div className="flex flex-wrap gap-1">
        {EXAMPLE_DIGITS.map((digit, d) => (
          <button
            key={d}
            data-testid={`example-${d}`}
            disabled={disabled}
            aria-label={`an MNIST ${d}`}
            onClick={() => onExample(digit)}
            className="rounded border border-line p-0.5 hover:border-accent disabled:opacity-40"
          >
            <DigitCanvas pixels={EXAMPLE_PIXELS[d]} className="block h-7 w-7" />
          </button>
        ))}
      </div>
    </div>
  );
}
