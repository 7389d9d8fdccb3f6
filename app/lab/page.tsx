import { LabLoader } from './LabLoader';

export const metadata = { title: 'Lab · Neural Atelier' };

export default function LabPage() {
  return <LabLoader />;
}
