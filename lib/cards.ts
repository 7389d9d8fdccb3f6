// Which folders under models/ hold a card (README.md) that /about shows: every shipped model, and two without
// weights of their own: the style algorithm's and training in the browser's (models/charrnn/README.md).
import { MODELS } from '../models/registry';

export const STYLE_CARD_ID = 'style';
export const TRAINING_CARD_ID = 'charrnn';
export const CARD_IDS: string[] = [...MODELS.map((m) => m.id), STYLE_CARD_ID, TRAINING_CARD_ID];
