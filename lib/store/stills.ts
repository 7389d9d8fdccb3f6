// Camera stills kept in this browser by their file's name (app/_components/CameraCapture.tsx names each by the moment
// and a random tag), so a creation made from one reopens: its recipe names the still as an upload, which a link
// cannot carry, and the studio finds it here. A still leaves the browser only when its creation is shared.
import { tx } from './idb';

const CAMERA_NAME = /^camera-[0-9-]{19}-[a-z0-9]{4}\.png$/;

/** A name for a new still: when it was taken, and a tag against two in one second. */
export function stillName(now = new Date()): string {
  const tag = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => (b % 36).toString(36)).join('');
  return `camera-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}-${tag}.png`;
}

export const keepStill = (file: File) => tx('stills', 'readwrite', (s) => s.put(file, file.name)).then(() => undefined);

/** The still an upload reference names, when it is a camera still this browser keeps; else null. */
export async function keptStill(name: string): Promise<File | null> {
  if (!CAMERA_NAME.test(name)) return null;
  return (await tx<File | undefined>('stills', 'readonly', (s) => s.get(name)).catch(() => undefined)) ?? null;
}
