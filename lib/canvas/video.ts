// A studio's frames as a video: H.264 in MP4 through the browser's WebCodecs VideoEncoder, muxed by mediabunny; VP9
// in WebM for frames larger than any H.264 profile takes here. Where WebCodecs is missing the page keeps the GIF and
// says why (videoUnsupported).
import {
  AudioSample,
  AudioSampleSource,
  BufferTarget,
  canEncodeAudio,
  EncodedPacket,
  EncodedVideoPacketSource,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  WebMOutputFormat,
} from 'mediabunny';

/** A sound track: mono samples in [-1, 1] from time 0 (lib/audio/wav.ts renders a tune so). */
export interface SoundTrack {
  samples: Float32Array;
  sampleRate: number;
}

export interface EncodedVideo {
  blob: Blob;
  /** the codec string the encoder took, e.g. avc1.42001f */
  codec: string;
  container: 'mp4' | 'webm';
  width: number;
  height: number;
  frames: number;
  fps: number;
}

/**
 * What is tried, in order, for a size: the first the browser's encoder accepts wins. Constrained Baseline 3.1 plays
 * everywhere (frames up to 1280 x 720); High 5.1 takes up to 4096 x 2304 by the standard (Chromium here, 2048 px);
 * VP9 goes beyond. `maxBitrate`: the level's limit (H.264's Table A-1), so a stream keeps to the level it names.
 */
const CANDIDATES = [
  { codec: 'avc1.42001f', container: 'mp4', track: 'avc', maxBitrate: 14_000_000 },
  { codec: 'avc1.640033', container: 'mp4', track: 'avc', maxBitrate: 300_000_000 },
  { codec: 'vp09.00.51.08', container: 'webm', track: 'vp9', maxBitrate: Infinity },
] as const;

export class VideoExportError extends Error {}

/** Why this browser cannot make a video, or null when it can. */
export const videoUnsupported = (): string | null =>
  typeof VideoEncoder === 'undefined'
    ? 'This browser has no WebCodecs video encoder, so animations download as GIF.'
    : null;

/** The frame size a video takes: both sides even (4:2:0 colour halves them); an odd last row or column is left out. */
export const videoSize = (width: number, height: number) => ({ width: width & ~1, height: height & ~1 });

/** Bits a second for frames of this size: 4 bits a pixel, as the frames are few and must come back within a few
 * levels of the studio's. Chromium's H.264 encoder reaches its best on a dream's texture there (a mean difference of
 * 3.6 levels in 255 against 4.9 at 1 bit a pixel, 5.1 at 0.6; more bits change nothing). */
const bitrateFor = (width: number, height: number, fps: number) =>
  Math.max(1_000_000, Math.round(width * height * fps * 4));

async function chooseCodec(width: number, height: number, fps: number) {
  for (const candidate of CANDIDATES) {
    const config: VideoEncoderConfig = {
      codec: candidate.codec,
      width,
      height,
      bitrate: Math.min(bitrateFor(width, height, fps), candidate.maxBitrate),
      framerate: fps,
      ...(candidate.track === 'avc' ? { avc: { format: 'avc' } } : {}),
    };
    const answer = await VideoEncoder.isConfigSupported(config).catch(() => null);
    if (answer?.supported) return { ...candidate, config };
  }
  return null;
}

async function soundSource({ sampleRate }: SoundTrack): Promise<AudioSampleSource> {
  if (!(await canEncodeAudio('opus', { numberOfChannels: 1, sampleRate })))
    throw new VideoExportError("This browser cannot encode the tune's sound (it has no Opus encoder).");
  return new AudioSampleSource({ codec: 'opus', quality: QUALITY_HIGH });
}

async function addSound(source: AudioSampleSource, { samples, sampleRate }: SoundTrack): Promise<void> {
  const sample = new AudioSample({ data: samples, format: 'f32', numberOfChannels: 1, sampleRate, timestamp: 0 });
  try {
    await source.add(sample);
  } finally {
    sample.close();
  }
  source.close(); // all of it is there: the muxer need not wait for more sound
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface VideoOptions {
  fps: number;
  /** a sound track, as Opus (Chromium has no AAC encoder) */
  audio?: SoundTrack;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Encodes `frames` (all one size) at `fps`, a key frame every two seconds, with `audio` when given. `onProgress` hears
 * each frame sent to the encoder; an aborted `signal` stops it (an AbortError) and leaves nothing behind.
 */
export async function encodeVideo(
  frames: ImageData[],
  { fps, audio, onProgress, signal }: VideoOptions,
): Promise<EncodedVideo> {
  const unsupported = videoUnsupported();
  if (unsupported) throw new VideoExportError(unsupported);
  const { width, height } = videoSize(frames[0].width, frames[0].height);
  const chosen = await chooseCodec(width, height, fps);
  if (!chosen) throw new VideoExportError(`No video codec of this browser takes frames of ${width} x ${height} px.`);
  const output = new Output({
    format: chosen.container === 'mp4' ? new Mp4OutputFormat({ fastStart: 'in-memory' }) : new WebMOutputFormat(),
    target: new BufferTarget(),
  });
  const source = new EncodedVideoPacketSource(chosen.track);
  output.addVideoTrack(source, { frameRate: fps });
  const sound = audio && (await soundSource(audio));
  if (sound) output.addAudioTrack(sound);
  await output.start();
  if (audio && sound) await addSound(sound, audio);

  let failure: unknown = null;
  let muxed = Promise.resolve();
  const encoder = new VideoEncoder({
    // Packets go to the muxer in the order they come out, each after the one before.
    output: (chunk, meta) => {
      muxed = muxed.then(() => source.add(EncodedPacket.fromEncodedChunk(chunk), meta));
      muxed.catch((e: unknown) => (failure ??= e));
    },
    error: (e) => (failure ??= e),
  });
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  try {
    encoder.configure(chosen.config);
    const frameMicros = 1e6 / fps;
    for (const [i, image] of frames.entries()) {
      signal?.throwIfAborted();
      if (failure) throw failure;
      context.putImageData(image, 0, 0);
      const frame = new VideoFrame(canvas, {
        timestamp: Math.round(i * frameMicros),
        duration: Math.round(frameMicros),
      });
      encoder.encode(frame, { keyFrame: i % Math.max(1, Math.round(2 * fps)) === 0 });
      frame.close();
      // The encoder works on its own thread: a short queue keeps memory flat, and the page draws the progress.
      while (encoder.encodeQueueSize > 2) await new Promise((resolve) => setTimeout(resolve, 5));
      onProgress?.(i + 1, frames.length);
      await nextTask();
    }
    await encoder.flush();
    await muxed;
    if (failure) throw failure;
    signal?.throwIfAborted();
    await output.finalize();
  } catch (e) {
    await output.cancel().catch(() => undefined);
    throw e;
  } finally {
    if (encoder.state !== 'closed') encoder.close();
  }
  const type = chosen.container === 'mp4' ? 'video/mp4' : 'video/webm';
  return {
    blob: new Blob([output.target.buffer!], { type }),
    codec: chosen.codec,
    container: chosen.container,
    width,
    height,
    frames: frames.length,
    fps,
  };
}
