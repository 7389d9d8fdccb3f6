/**
 * Generated ABC tunes: is a tune valid (headers, a clean parse, bars that fit the meter), and its notes
 * (melody and the chord accompaniment abcjs derives from the chord symbols) for playback and export.
 * abcjs parses without a DOM, so the studio, the tests and `npm run eval -- tunes` share this code.
 */
import abcjs from 'abcjs';

export interface TuneNote {
  /** MIDI note number. */
  pitch: number;
  /** Seconds from the start. */
  start: number;
  duration: number;
  /** 0..1. */
  velocity: number;
  /** 0 = melody, 1 = chords and bass. */
  track: number;
}

export interface TuneCheck {
  valid: boolean;
  /** Why not, in words a person can act on. */
  problems: string[];
  title: string;
}

const HEADERS = ['X', 'T', 'M', 'K'] as const;

/** How the studio and `npm run eval -- tunes` start a tune: the model writes the title and the rest. */
export const TUNE_PRIME = 'X: 1\nT:';
/** Longest tune written; the longest Nottingham training tune is about 1,100 characters. */
export const TUNE_MAX_CHARS = 1500;
/** Sampling the studio starts music with, and the tune-validity figure is measured at. */
export const TUNE_SAMPLING = { temperature: 0.65, topK: 0, topP: 1 }; // 83% valid tunes (0.5: 91%, 0.8: 67%)
const EPS = 1e-6;

/**
 * The first tune of a text (up to a blank line), without the Nottingham set's Y: lines: Y: is a reserved
 * field in ABC 2.1 that the Nottingham transcribers used for the order of parts; abcjs reads it as music.
 */
export const firstTune = (text: string): string =>
  text
    .split(/\n\s*\n/)[0]
    .replace(/^Y:.*(\n|$)/gm, '')
    .trimEnd();

type VoiceElement = {
  el_type: string;
  type?: string;
  duration?: number;
  startTriplet?: number;
  tripletMultiplier?: number;
  endTriplet?: boolean;
  value?: { num: string | number; den: string | number }[];
};

interface Bar {
  /** Whole notes in the bar. */
  length: number;
  /** Whole notes the meter in force asks for, and its beat. */
  full: number;
  beat: number;
  /** The bar line that closes it ('end' at the end of the tune). */
  closing: string;
}

/** Every bar of the first voice, with the meter in force (a tune may change meter between parts). */
function bars(tune: ReturnType<typeof abcjs.parseOnly>[0]): Bar[] {
  const out: Bar[] = [];
  const meter = tune.getMeterFraction();
  const den = meter.den ?? 4; // abcjs leaves it out for "M:none"
  let [full, beat] = [meter.num / den, 1 / den];
  let length = 0;
  let triplet = 1; // a tuplet's multiplier sits on its first note and lasts to the note marked endTriplet
  const setMeter = (m: VoiceElement | undefined) => {
    const [num, den] = [Number(m?.value?.[0]?.num), Number(m?.value?.[0]?.den)];
    if (num > 0 && den > 0) [full, beat] = [num / den, 1 / den];
  };
  for (const line of tune.lines) {
    const staff = line.staff?.[0] as unknown as { meter?: VoiceElement; voices?: VoiceElement[][] } | undefined;
    setMeter(staff?.meter); // an M: line between parts
    for (const el of staff?.voices?.[0] ?? []) {
      if (el.el_type === 'meter') setMeter(el); // an inline [M:...]
      if (el.el_type === 'note' && el.duration) {
        if (el.startTriplet) triplet = el.tripletMultiplier ?? 1;
        length += el.duration * triplet;
        if (el.endTriplet) triplet = 1;
      }
      if (el.el_type === 'bar') {
        out.push({ length, full, beat, closing: el.type ?? 'bar_thin' });
        length = 0;
      }
    }
  }
  if (length > EPS) out.push({ length, full, beat, closing: 'end' });
  return out.filter((b) => b.length > EPS);
}

/** Checks a generated tune the way a player would read it. */
export function checkTune(abc: string): TuneCheck {
  const problems: string[] = [];
  for (const h of HEADERS) if (!new RegExp(`^${h}:`, 'm').test(abc)) problems.push(`no ${h}: header`);
  const title = /^T:(.*)$/m.exec(abc)?.[1].trim() ?? 'untitled';
  const [tune] = abcjs.parseOnly(abc);
  if (!tune || tune.lines.length === 0) return { valid: false, problems: [...problems, 'no music to parse'], title };
  for (const w of tune.warnings ?? []) problems.push(`parser: ${w.replace(/<[^>]+>/g, '')}`);
  const measured = bars(tune);
  // A pickup may open the tune or a section, and the bar closing a section or the tune may complete it.
  const boundary = (i: number) =>
    i === 0 ||
    i === measured.length - 1 ||
    measured[i].closing !== 'bar_thin' ||
    measured[i - 1].closing !== 'bar_thin';
  measured.forEach((bar, i) => {
    if (bar.length > bar.full + EPS || (bar.length < bar.full - EPS && !boundary(i)))
      problems.push(
        `bar ${i + 1} holds ${+(bar.length / bar.beat).toFixed(2)} of ${Math.round(bar.full / bar.beat)} beats`,
      );
  });
  if (measured.length === 0) problems.push('no bars');
  return { valid: problems.length === 0, problems, title };
}

/** The tune's notes in seconds at `qpm` quarter notes a minute: melody, and chords and bass from its chord symbols. */
export function tuneNotes(abc: string, qpm: number): TuneNote[] {
  const [tune] = abcjs.parseOnly(abc);
  if (!tune) return [];
  const wholeNote = (4 * 60) / qpm;
  const { tracks } = tune.setUpAudio({ qpm, chordsOff: false });
  return tracks.flatMap((events, track) =>
    events.flatMap((e) =>
      e.cmd === 'note' && e.duration > 0
        ? [
            {
              pitch: e.pitch,
              start: e.start * wholeNote,
              duration: e.duration * wholeNote,
              velocity: e.volume / 127,
              track: Math.min(track, 1),
            },
          ]
        : [],
    ),
  );
}

/** How long a bar of the tune's first meter and the whole tune (its last note's end) last at `qpm`, in seconds. */
export function tuneTiming(abc: string, qpm: number): { barSeconds: number; seconds: number } {
  const [tune] = abcjs.parseOnly(abc);
  const meter = tune?.getMeterFraction();
  const whole = meter && meter.num > 0 ? meter.num / (meter.den ?? 4) : 1;
  const notes = tuneNotes(abc, qpm);
  return {
    barSeconds: (whole * 4 * 60) / qpm,
    seconds: notes.reduce((end, n) => Math.max(end, n.start + n.duration), 0),
  };
}

/** A Standard MIDI File of the tune (melody and chords), as abcjs writes it. */
export function tuneMidi(abc: string, qpm: number): Uint8Array {
  const [tune] = abcjs.parseOnly(abc);
  return abcjs.synth.getMidiFile(tune, { midiOutputType: 'binary', qpm, chordsOff: false }) as unknown as Uint8Array;
}
