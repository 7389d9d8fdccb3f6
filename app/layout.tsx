import type { Metadata } from 'next';
import Link from 'next/link';
import { STUDIOS } from '@/lib/studio/studios';
import { ServiceWorker } from './_components/ServiceWorker';
import './globals.css';

export const metadata: Metadata = {
  title: 'Neural Atelier',
  description:
    'Dream, restyle, generate faces, explore latent spaces and write with neural networks, ' +
    'on your own GPU, in the browser.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <header className="sticky top-0 z-20 border-b border-line bg-ink/85 backdrop-blur">
          <nav className="mx-auto flex max-w-7xl items-center gap-6 px-5 py-3">
            <Link href="/" className="font-serif text-xl tracking-tight text-white">
              Neural <span className="text-accent">Atelier</span>
            </Link>
            <ul className="flex flex-wrap gap-1 text-sm">
              {STUDIOS.map((s) => (
                <li key={s.id}>
                  <Link href={s.route} className="rounded-md px-3 py-1.5 text-muted hover:bg-panel hover:text-white">
                    {s.nav}
                  </Link>
                </li>
              ))}
            </ul>
            <Link href="/gallery" className="ml-auto text-sm text-muted hover:text-white">
              Gallery
            </Link>
            <Link href="/about" className="text-sm text-muted hover:text-white">
              Models &amp; licenses
            </Link>
          </nav>
        </header>
        <main className="mx-auto max-w-7xl px-5 py-8">{children}</main>
        <ServiceWorker />
      </body>
    </html>
  );
}
