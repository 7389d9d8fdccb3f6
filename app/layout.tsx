import type { Metadata } from 'next';
import Link from 'next/link';
import { STUDIOS } from '@/lib/studio/studios';
import { NavMenu } from './_components/NavMenu';
import { ServiceWorker } from './_components/ServiceWorker';
import './globals.css';

export const metadata: Metadata = {
  title: 'Neural Atelier',
  description:
    'Dream, restyle, generate faces, explore latent spaces and write with neural networks, ' +
    'on your own GPU, in the browser.',
};

const LINK = 'rounded-md px-3 py-1.5 text-muted hover:bg-panel hover:text-white';

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <header className="sticky top-0 z-20 border-b border-line bg-ink/85 backdrop-blur">
          <nav className="mx-auto flex max-w-7xl items-center gap-6 px-5 py-3" aria-label="Studios and pages">
            <Link href="/" className="font-serif text-xl tracking-tight text-white">
              Neural <span className="text-accent">Atelier</span>
            </Link>
            <ul className="hidden gap-1 text-sm lg:flex">
              {STUDIOS.map((s) => (
                <li key={s.id}>
                  <Link href={s.route} className={LINK}>
                    {s.nav}
                  </Link>
                </li>
              ))}
            </ul>
            <Link href="/gallery" className="ml-auto hidden text-sm text-muted hover:text-white lg:inline">
              Gallery
            </Link>
            <Link href="/about" className="hidden text-sm text-muted hover:text-white lg:inline">
              Models &amp; licenses
            </Link>
            {/* Narrow screens: the same links folded into a menu, so the page starts right under the name. */}
            <NavMenu
              linkClass={LINK}
              links={[
                ...STUDIOS.map((s) => ({ href: s.route, label: s.nav })),
                { href: '/gallery', label: 'Gallery' },
                { href: '/about', label: 'Models & licenses' },
              ]}
            />
          </nav>
        </header>
        <main className="mx-auto max-w-7xl px-5 py-8">{children}</main>
        <ServiceWorker />
      </body>
    </html>
  );
}
