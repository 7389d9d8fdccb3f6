// What a studio has on screen, as Save and Share take it: the recipe that made it and its output.
import { newCreationId, type Creation } from '../store/creations';
import { encodeRecipe } from './codec';
import type { Recipe } from './recipe';

export interface Shareable {
  recipe: Recipe;
  title: string;
  /** the image output, for a share page and the gallery */
  output?: () => Promise<Blob | null>;
  text?: string;
  /** the image used for each of the recipe's image references (imageRefsOf order), null for presets */
  inputs?: (Blob | null)[];
}

/** The creation "Save to my creations" keeps in this browser for what is on screen. */
export async function creationOf(item: Shareable): Promise<Creation> {
  const image = (await item.output?.()) ?? undefined;
  return {
    id: newCreationId(),
    studio: item.recipe.studio,
    title: item.title,
    createdAt: Date.now(),
    recipe: await encodeRecipe(item.recipe),
    ...(image ? { image } : {}),
    ...(item.text !== undefined ? { text: item.text } : {}),
  };
}
