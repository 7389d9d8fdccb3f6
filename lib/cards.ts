// Which folders under models/ hold a card (README.md) that /about shows: every shipped model, and the style
// algorithm's, which has no weights of its own.
import { MODELS } from '../models/registry';

export const STYLE_CARD_ID = 'style';
export const CARD_IDS: string[] = [...MODELS.map((m) => m.id), STYLE_CARD_ID];
