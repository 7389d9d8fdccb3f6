import { StyleLoader } from './StyleLoader';

export const metadata = { title: 'Style transfer · Neural Atelier' };

export default function StylePage() {
  return <StyleLoader />;
}
