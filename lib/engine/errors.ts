// Turns what tfjs and the GPU throw into a sentence a person can act on, and the error a cancelled run ends with.

/** Thrown by a run that stops because it was cancelled: the studio goes back to idle, with no error. */
export class Cancelled extends Error {
  name = 'Cancelled';
}

const OOM = new RegExp(
  'out of memory|\\boom\\b|failed to allocate|allocation failed|GPUOutOfMemory|exceeds the max|' +
    'greater than WebGL maximum|maxBufferSize|maxStorageBufferBindingSize',
  'i',
);

export function isOutOfMemory(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return OOM.test(text);
}

export function readableError(error: unknown, workingSize?: number): string {
  if (isOutOfMemory(error)) {
    const smaller = workingSize ? Math.max(128, Math.round(workingSize / 2 / 32) * 32) : 256;
    return `Your GPU ran out of memory at this size. Try a smaller size (for example ${smaller} px) and run again.`;
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Your settings are kept; try again.';
}
