import { type RefObject, useEffect, useState } from 'react';

/** A canvas's size on screen (CSS pixels), followed as the layout changes: a painter overlaid on it matches it. */
export function useDisplaySize(canvas: RefObject<HTMLCanvasElement | null>): { width: number; height: number } | null {
  const [display, setDisplay] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setDisplay({ width: element.clientWidth, height: element.clientHeight }));
    observer.observe(element);
    return () => observer.disconnect();
  }, [canvas]);
  return display;
}
