import { LatentLoader } from './LatentLoader';

export const metadata = { title: 'Latent space · Neural Atelier' };

export default function LatentPage() {
  return <LatentLoader />;
}
