'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

interface Props {
  links: { href: string; label: string }[];
  linkClass: string;
}

/** The navigation folded into a menu on narrow screens; it closes when a page opens, which keeps the layout. */
export function NavMenu({ links, linkClass }: Props) {
  const menu = useRef<HTMLDetailsElement>(null);
  const path = usePathname();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [path]);
  return (
    <details ref={menu} className="relative ml-auto lg:hidden" data-testid="menu">
      <summary className={`cursor-pointer list-none border border-line text-sm ${linkClass}`}>Menu</summary>
      <ul className="absolute right-0 z-30 mt-2 w-56 rounded-lg border border-line bg-panel p-2 text-sm shadow-lg">
        {links.map(({ href, label }) => (
          <li key={href}>
            <Link href={href} className={`block ${linkClass}`}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
