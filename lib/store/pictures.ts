// Pictures a studio made once and shows again without remaking them (the Lab's grid of channel visualisations),
// by a key that names everything that made them. Kept in this browser only.
import { tx } from './idb';

export const cachedPicture = (key: string) => tx<Blob | undefined>('pictures', 'readonly', (s) => s.get(key));
export const cachePicture = (key: string, picture: Blob) =>
  tx('pictures', 'readwrite', (s) => s.put(picture, key)).then(() => undefined);
