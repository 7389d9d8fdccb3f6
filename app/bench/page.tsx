import { BenchLoader } from './BenchLoader';

export const metadata = { title: 'GPU benchmark · Neural Atelier' };

export default function BenchPage() {
  return <BenchLoader />;
}
