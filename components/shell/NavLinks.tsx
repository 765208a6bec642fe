'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { FEEDBACK_SEEN_EVENT } from '@/lib/review/feedback';
import type { NavItem } from './navigation';

/** `feedbackCount`: decisions on my annotations since I last looked, shown on "Dashboard" until the dashboard marks them seen. */
export function NavLinks({ items, feedbackCount = 0 }: { items: NavItem[]; feedbackCount?: number }) {
  const pathname = usePathname();
  const [seenCount, setSeenCount] = useState<number | null>(null);
  useEffect(() => {
    const seen = () => setSeenCount(feedbackCount);
    window.addEventListener(FEEDBACK_SEEN_EVENT, seen);
    return () => window.removeEventListener(FEEDBACK_SEEN_EVENT, seen);
  }, [feedbackCount]);
  const badge = feedbackCount > 0 && seenCount !== feedbackCount ? feedbackCount : 0;
  return (
    <ul className="flex flex-wrap items-center gap-1">
      {items.map((item) => {
        const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={`rounded-md px-3 py-2 text-sm font-medium ${active ? 'bg-stone-900 text-white' : 'text-stone-700 hover:bg-stone-200'}`}
            >
              {item.label}
              {item.href === '/' && badge > 0 ? (
                <span className="ml-1.5 inline-flex min-w-5 justify-center rounded-full bg-indigo-600 px-1.5 text-xs leading-5 font-semibold text-white tabular-nums">
                  <span aria-hidden="true">{badge > 99 ? '99+' : badge}</span>
                  <span className="sr-only">
                    , {badge} new {badge === 1 ? 'decision' : 'decisions'} on your annotations
                  </span>
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
