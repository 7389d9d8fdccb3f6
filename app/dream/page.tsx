import { DreamLoader } from './DreamLoader';

export const metadata = { title: 'DeepDream · Neural Atelier' };

export default function DreamPage() {
  return <DreamLoader />;
}
