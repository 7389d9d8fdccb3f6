// The Lab's choices and its recipe: one digit, and at most one thing made of it (what the classifier is made to see,
// the digit denoised, or an InceptionV3 channel, which needs no digit).
import type { ModelEntry } from '@/models/registry';
import { modelRefFor } from '@/lib/share/model-ref';
import type { LabRecipe } from '@/lib/share/recipe';

/** What the Lab shows: the digit layer by layer, the classifier made to see a class, or the digit denoised. */
export type LabChoices = {
  digit: string;
  see: LabRecipe['see'] | null;
  denoise: LabRecipe['denoise'] | null;
  feature: LabRecipe['feature'] | null;
};

export const settingsOf = (r: LabRecipe): LabChoices => ({
  digit: r.digit,
  see: r.see ?? null,
  denoise: r.denoise ?? null,
  feature: r.feature ?? null,
});

export const recipeOf = (choices: LabChoices, classifier: ModelEntry): LabRecipe => ({
  studio: 'lab',
  v: 1,
  model: modelRefFor(classifier),
  digit: choices.digit,
  ...(choices.see ? { see: choices.see } : {}),
  ...(choices.denoise ? { denoise: choices.denoise } : {}),
  ...(choices.feature ? { feature: choices.feature } : {}),
});

/** What a saved or shared Lab creation is called. */
export const titleOf = (recipe: LabRecipe) =>
  recipe.feature
    ? `What InceptionV3 ${recipe.feature.layer} channel ${recipe.feature.channel} looks for`
    : recipe.see
      ? `A digit made to look like ${recipe.see.target}`
      : recipe.denoise
        ? 'A digit denoised'
        : 'A digit, layer by layer';
