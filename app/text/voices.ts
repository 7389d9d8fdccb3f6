// The text studio's voices and how its controls stand for a recipe.
import { TUNE_MAX_CHARS, TUNE_PRIME, TUNE_SAMPLING } from '@/models/charrnn/abc';
import { registryEntry } from '@/models/registry';
import { entryForRef, modelRefFor } from '@/lib/share/model-ref';
import { isOwnModelRef, type OwnModelRef, type TextRecipe } from '@/lib/share/recipe';

export const VOICES = [
  { id: 'charrnn-shakespeare', title: 'Shakespeare', mode: 'text', prime: 'ROMEO:\n' },
  { id: 'charrnn-moby-dick', title: 'Moby-Dick', mode: 'text', prime: 'Call me ' },
  { id: 'charrnn-nottingham', title: 'Folk tunes (ABC)', mode: 'music', prime: TUNE_PRIME },
] as const;
/** A person's own model as a voice: it writes prose from a prime most texts share a word of. */
export type OwnVoice = { id: 'own'; title: string; mode: 'text'; prime: string; ref: OwnModelRef };
export type Voice = (typeof VOICES)[number] | OwnVoice;
export const ownVoice = (ref: OwnModelRef): OwnVoice => ({
  id: 'own',
  title: ref.name,
  mode: 'text',
  prime: 'The ',
  ref,
});
export const PRIME_LIMIT = 1000; // what a link can hold (the recipe schema's limit)

/** A voice's first recipe: its prime, and sampling that suits it. */
export function defaults(voice: Voice): TextRecipe {
  const music = voice.mode === 'music';
  return {
    studio: 'text',
    v: 1,
    model: voice.id === 'own' ? voice.ref : modelRefFor(registryEntry(voice.id)),
    mode: voice.mode,
    prime: voice.prime,
    ...(music ? TUNE_SAMPLING : { temperature: 0.8, topK: 0, topP: 0.95 }),
    length: music ? TUNE_MAX_CHARS : 400,
    seed: 1,
  };
}

/** Everything the controls choose: the recipe less what names its kind. */
export type TextChoices = Omit<TextRecipe, 'studio' | 'v'>;
export const settingsOf = ({ studio: _s, v: _v, ...choices }: TextRecipe): TextChoices => choices;
export const recipeOf = (choices: TextChoices): TextRecipe => ({ studio: 'text', v: 1, ...choices });
export const voiceOf = (choices: TextChoices): Voice =>
  isOwnModelRef(choices.model) ? ownVoice(choices.model) : (VOICES.find((v) => v.id === choices.model.id) ?? VOICES[0]);
// A link made with earlier weights loads those weights, so it writes what it wrote when it was shared.
export const entryOf = (choices: TextChoices) => entryForRef(choices.model) ?? registryEntry(voiceOf(choices).id);

/** The text on screen in parts: the prime, what the network wrote, and characters a person forced. */
export type Segment = { text: string; kind: 'prime' | 'written' | 'forced' };
export const textOf = (segments: Segment[]) => segments.map((s) => s.text).join('');
