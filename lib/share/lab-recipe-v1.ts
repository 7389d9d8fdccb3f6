// The Lab's recipe version 1, before its modes became a union: three optional fields, of which the Lab showed the
// first it held in the order feature, see, denoise (else the digit's layers). Links and creations made with it are
// still read, and upgraded to version 2 with the same meaning.
import { z } from 'zod';
import { SEE_CLASS_FIRST } from '../../models/classifier/settings';
import {
  channelFits,
  digitText,
  labDenoiseShape,
  labFeatureShape,
  type LabRecipe,
  labSeeShape,
  modelRef,
} from './recipe';

export const labRecipeV1 = z.strictObject({
  studio: z.literal('lab'),
  v: z.literal(1),
  model: modelRef,
  digit: digitText,
  // absent in links made before they existed: the log-probability, no decay, from the digit
  see: z
    .strictObject({
      ...labSeeShape,
      objective: labSeeShape.objective.optional(),
      decay: labSeeShape.decay.optional(),
      start: labSeeShape.start.optional(),
    })
    .optional(),
  feature: z.strictObject(labFeatureShape).refine(channelFits, 'that layer has fewer channels').optional(),
  denoise: z.strictObject(labDenoiseShape).optional(),
});

export type LabRecipeV1 = z.infer<typeof labRecipeV1>;

/** The version-2 recipe that shows what the version-1 one showed. */
export function labFromV1({ model, digit, see, feature, denoise }: LabRecipeV1): LabRecipe {
  const base = { studio: 'lab', v: 2, model, digit } as const;
  if (feature) return { ...base, shows: { kind: 'feature', ...feature } };
  if (see) {
    const { objective = SEE_CLASS_FIRST.objective, decay = SEE_CLASS_FIRST.decay, start = 'drawing' } = see;
    return { ...base, shows: { kind: 'see', ...see, objective, decay, start } };
  }
  if (denoise) return { ...base, shows: { kind: 'denoise', ...denoise } };
  return { ...base, shows: { kind: 'layers' } };
}
