/** One home-page card's example: a picture `npm run showcase` rendered from a committed recipe, and its link. */
export interface ShowcaseCard {
  studio: 'dream' | 'style' | 'faces' | 'latent' | 'text';
  /** Under public/: /showcase/<studio>-<hash>.jpg. */
  picture: string;
  width: number;
  height: number;
  alt: string;
  /** The studio with the recipe in the fragment: opens and remakes the picture. */
  link: string;
}
