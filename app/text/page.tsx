import { studioById } from '@/lib/studio/studios';
import { TextLoader } from './TextLoader';

export const metadata = { title: `${studioById('text').title} · Neural Atelier` };

export default function TextPage() {
  return <TextLoader />;
}
