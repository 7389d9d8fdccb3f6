// The Lab's choices and its recipe: one digit, and what is shown of it (its layers, what the classifier is made to
// see, the digit denoised, or an InceptionV3 channel, which needs no digit).
import type { ModelEntry } from '@/models/registry';
import { modelRefFor } from '@/lib/share/model-ref';
import type { LabRecipe, LabShows } from '@/lib/share/recipe';

export type LabChoices = { digit: string; shows: LabShows };
/** What the Lab shows in one of its modes. */
export type LabShown<K extends LabShows['kind']> = Extract<LabShows, { kind: K }>;

export const settingsOf = ({ digit, shows }: LabRecipe): LabChoices => ({ digit, shows });

export const recipeOf = ({ digit, shows }: LabChoices, classifier: ModelEntry): LabRecipe => ({
  studio: 'lab',
  v: 2,
  model: modelRefFor(classifier),
  digit,
  shows,
});

/** The shown mode when it is `kind`, else null. */
export const shownAs = <K extends LabShows['kind']>(shows: LabShows | undefined, kind: K) =>
  shows?.kind === kind ? (shows as LabShown<K>) : null;

const TITLES: { [K in LabShows['kind']]: (shows: LabShown<K>) => string } = {
  layers: () => 'A digit, layer by layer',
  see: ({ target }) => `A digit made to look like ${target}`,
  denoise: () => 'A digit denoised',
  feature: ({ layer, channel }) => `What InceptionV3 ${layer} channel ${channel} looks for`,
};

/** What a saved or shared Lab creation is called. */
export const titleOf = ({ shows }: LabRecipe) => (TITLES[shows.kind] as (shows: LabShows) => string)(shows);
