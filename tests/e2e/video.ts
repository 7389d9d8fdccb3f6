// A video the studio exported, read back in the page by mediabunny (Node has no WebCodecs): its codec, duration and
// frame count, and the pixels of the frames asked for.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, expect, type Page } from '@playwright/test';
import { renderNotes } from '../../lib/audio/wav';
import { modelRefFor } from '../../lib/share/model-ref';
import type { FacesRecipe } from '../../lib/share/recipe';
import { tuneNotes } from '../../models/charrnn/abc';
import { registryEntry } from '../../models/registry';
import { canvasPixels, downloadBytes, expectStatus, meanAbsDiff } from './helpers';

const MODULE = '/__test__/mediabunny.mjs';

/** A four-bar tune in ABC for the music walks: at 160 quarter notes a minute, 1.5 s a bar. */
export const WALK_TUNE = 'X: 1\nT:Walk\nM:4/4\nL:1/4\nK:G\n"G"G A B c|"D"d2 B2|"C"c B A G|"G"G4|]\n';
export const WALK_QPM = 160;

/** Four faces walked to WALK_TUNE: 72 frames, 6 s. */
export const FACES_WALK: FacesRecipe = {
  ...{ studio: 'faces', v: 1, model: modelRefFor(registryEntry('dcgan-faces')), truncation: 0 },
  seeds: [11, 12, 13, 14],
  walk: { tune: WALK_TUNE, qpm: WALK_QPM, fps: 12, faces: 4 },
};
const BUNDLE = join(__dirname, '..', '..', 'node_modules', 'mediabunny', 'dist', 'bundles', 'mediabunny.min.mjs');

export interface DecodedVideo {
  codec: string | null;
  width: number;
  height: number;
  duration: number;
  frames: number;
  /** RGBA of each frame asked for, in the order asked */
  pixels: number[][];
  /** the sound track decoded (its first channel), if the video has one */
  audio: { codec: string | null; sampleRate: number; samples: Float32Array } | null;
}

/** `stillPath`: where the first frame asked for is written as a PNG, to look at. */
async function decodeVideo(page: Page, bytes: Buffer, wanted: number[], stillPath: string): Promise<DecodedVideo> {
  await page.route(`**${MODULE}`, (route) =>
    route.fulfill({ body: readFileSync(BUNDLE), contentType: 'text/javascript' }),
  );
  const decoded = await page.evaluate(
    async ({ url, base64, wanted }) => {
      const mb = (await import(url)) as typeof import('mediabunny');
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const input = new mb.Input({ formats: mb.ALL_FORMATS, source: new mb.BufferSource(data) });
      const track = (await input.getPrimaryVideoTrack())!;
      const [width, height] = [track.displayWidth, track.displayHeight];
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d')!;
      const pixels: Record<number, number[]> = {};
      let still = '';
      let frames = 0;
      for await (const sample of new mb.VideoSampleSink(track).samples()) {
        if (wanted.includes(frames)) {
          sample.draw(context, 0, 0);
          pixels[frames] = Array.from(context.getImageData(0, 0, width, height).data);
          if (frames === wanted[0]) {
            const png = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
            still = btoa(Array.from(png, (b) => String.fromCharCode(b)).join(''));
          }
        }
        sample.close();
        frames++;
      }
      const audioTrack = await input.getPrimaryAudioTrack();
      let audio = null;
      if (audioTrack) {
        const parts: Float32Array[] = [];
        for await (const sample of new mb.AudioSampleSink(audioTrack).samples()) {
          const part = new Float32Array(sample.numberOfFrames);
          sample.copyTo(part, { planeIndex: 0, format: 'f32-planar' });
          parts.push(part);
          sample.close();
        }
        const samples = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
        parts.reduce((at, p) => (samples.set(p, at), at + p.length), 0);
        const bytes = new Uint8Array(samples.buffer);
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        audio = {
          codec: await audioTrack.getCodecParameterString(),
          sampleRate: audioTrack.sampleRate,
          base64: btoa(binary),
        };
      }
      return {
        audio,
        codec: await track.getCodecParameterString(),
        width,
        height,
        duration: await input.computeDuration(),
        frames,
        pixels: wanted.map((i) => pixels[i] ?? []),
        still,
      };
    },
    { url: MODULE, base64: bytes.toString('base64'), wanted },
  );
  const { still, audio, ...video } = decoded;
  writeFileSync(stillPath, Buffer.from(still, 'base64'));
  const samples = audio && Buffer.from(audio.base64, 'base64');
  return {
    ...video,
    audio: audio && {
      codec: audio.codec,
      sampleRate: audio.sampleRate,
      samples: new Float32Array(Uint8Array.from(samples!).buffer), // a copy: a Buffer may sit at any offset
    },
  };
}

/**
 * Makes the video of the animation on the page (its export panel, at the panel's frame rate) and reads it back.
 * `encodingShot`: where to take a screenshot while it encodes (the page's CPU slowed 40x meanwhile, so the progress
 * bar stays long enough to be seen).
 */
export async function exportedVideo(
  page: Page,
  wanted: number[],
  stillPath: string,
  encodingShot?: string,
): Promise<DecodedVideo> {
  await page.getByTestId('video-export').click();
  const download = page.waitForEvent('download');
  const cdp = encodingShot ? await page.context().newCDPSession(page) : null;
  await cdp?.send('Emulation.setCPUThrottlingRate', { rate: 40 });
  await page.getByTestId('video-encode').click();
  if (cdp) {
    await expect(page.getByTestId('video-progress')).toBeVisible();
    await page.getByTestId('video-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: encodingShot });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
  return decodeVideo(page, await downloadBytes(download), wanted, stillPath);
}

/** Pearson correlation of a and b, b shifted by up to `lag` samples either way: the best. */
export function correlation(a: Float32Array, b: Float32Array, lag: number): number {
  let best = -1;
  for (let shift = -lag; shift <= lag; shift += 8) {
    const n = Math.min(a.length, b.length) - lag;
    let [sa, sb, saa, sbb, sab] = [0, 0, 0, 0, 0];
    for (let i = lag; i < n; i++) {
      const [x, y] = [a[i], b[i + shift]];
      [sa, sb, saa, sbb, sab] = [sa + x, sb + y, saa + x * x, sbb + y * y, sab + x * y];
    }
    const m = n - lag;
    const r = (sab - (sa * sb) / m) / Math.sqrt((saa - (sa * sa) / m) * (sbb - (sb * sb) / m));
    best = Math.max(best, r);
  }
  return best;
}

/**
 * A music walk's video (frames 0 and 36 decoded) of WALK_TUNE at WALK_QPM, against the page: frame 0 is the
 * preview on screen, frame 36 another picture, and its sound the tune's deterministic render (Opus, as long,
 * correlated above 0.9).
 */
export async function expectWalkVideo(page: Page, video: DecodedVideo, label: string) {
  const preview = await canvasPixels(page, '[data-testid="walk-preview"]'); // frame 0 until it plays
  expect(meanAbsDiff(video.pixels[0], preview), 'frame 0 is the walk on screen').toBeLessThan(4);
  expect(meanAbsDiff(video.pixels[0], video.pixels[1]), 'it walks: frame 36 is another picture').toBeGreaterThan(5);
  const { audio } = video;
  expect(audio?.codec).toBe('opus');
  const rendered = renderNotes(tuneNotes(WALK_TUNE, WALK_QPM), audio!.sampleRate);
  expect(audio!.samples.length / audio!.sampleRate).toBeCloseTo(rendered.length / audio!.sampleRate, 1);
  const r = correlation(audio!.samples, rendered, 480);
  console.log(`${label}: ${video.frames} frames, sound ${audio!.samples.length} samples, correlation ${r}`);
  expect(r).toBeGreaterThan(0.9);
}

/** A fresh browser context opens a walk's link: WALK_TUNE in its panel, and frames 0 and 36 of its video are the
 * frames of `video` exactly. */
export async function expectWalkRemade(browser: Browser, url: string, video: DecodedVideo, stillPath: string) {
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(url);
  await expectStatus(fresh, 'done');
  expect(await fresh.getByTestId('walk-tune').inputValue()).toBe(WALK_TUNE);
  const again = await exportedVideo(fresh, [0, 36], stillPath);
  expect(meanAbsDiff(again.pixels[0], video.pixels[0]), 'frame 0').toBe(0);
  expect(meanAbsDiff(again.pixels[1], video.pixels[1]), 'the middle frame').toBe(0);
  await fresh.context().close();
}
