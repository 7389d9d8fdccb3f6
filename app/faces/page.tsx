import { FacesLoader } from './FacesLoader';

export const metadata = { title: 'Faces · Neural Atelier' };

export default function FacesPage() {
  return <FacesLoader />;
}
