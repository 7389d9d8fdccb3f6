import { TextLoader } from './TextLoader';

export const metadata = { title: 'Text and music · Neural Atelier' };

export default function TextPage() {
  return <TextLoader />;
}
