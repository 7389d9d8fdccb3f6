import { DenoiseLoader } from './DenoiseLoader';

export const metadata = { title: 'Denoise · Neural Atelier' };

export default function DenoisePage() {
  return <DenoiseLoader />;
}
