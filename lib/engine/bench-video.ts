// The video benchmark (`npm run bench -- video --targets chromium-wasm`): frames a second H.264 encodes at 256 and
// 512 px through the studio's own export (lib/canvas/video.ts), and the GIF encoder on the same frames (time and
// bytes). Browser only: Node has no WebCodecs.
import { presetById } from '../canvas/presets';
import { encodeGif } from '../canvas/gif';
import { encodeVideo } from '../canvas/video';

const FRAMES = 24;

/** A zoom into a generated texture, FRAMES frames of side `size`: detail like a dream's, changing every frame. */
function zoomFrames(size: number): ImageData[] {
  const texture = presetById('marble')!.render(size * 2, size * 2);
  const source = new OffscreenCanvas(size * 2, size * 2);
  source.getContext('2d')!.putImageData(new ImageData(texture, size * 2, size * 2), 0, 0);
  const frame = new OffscreenCanvas(size, size).getContext('2d')!;
  return Array.from({ length: FRAMES }, (_, i) => {
    const crop = size * 2 * (1 - i / (2 * FRAMES));
    frame.drawImage(source, (size * 2 - crop) / 2, (size * 2 - crop) / 2, crop, crop, 0, 0, size, size);
    return frame.getImageData(0, 0, size, size);
  });
}

export async function video(_filesFor: unknown, options: { maxSize?: number } = {}): Promise<Record<string, number>> {
  if (typeof VideoEncoder === 'undefined') throw new Error('no WebCodecs VideoEncoder here (the browser has one)');
  const figures: Record<string, number> = {};
  for (const size of [256, 512].filter((s) => s <= (options.maxSize ?? 512))) {
    const frames = zoomFrames(size);
    await encodeVideo(frames.slice(0, 2), { fps: 24 }); // the encoder's first start is not counted
    let started = performance.now();
    const mp4 = await encodeVideo(frames, { fps: 24 });
    figures[`mp4_${size}px_frames_per_s`] = Math.round((1000 * FRAMES) / (performance.now() - started));
    figures[`mp4_${size}px_kb`] = Math.round(mp4.blob.size / 1000);
    started = performance.now();
    const gif = encodeGif(frames, 1000 / 24);
    figures[`gif_${size}px_frames_per_s`] = Math.round((1000 * FRAMES) / (performance.now() - started));
    figures[`gif_${size}px_kb`] = Math.round(gif.size / 1000);
  }
  return figures;
}
