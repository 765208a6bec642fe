import Link from 'next/link';
import { feedbackSinceLastLook } from '@/lib/review/feedback-count';
import type { SessionUser } from '@/lib/auth/model';
import { navigationFor } from './navigation';
import { NavLinks } from './NavLinks';
import { RoleBadge } from './RoleBadge';
import { SignOutButton } from './SignOutButton';

export async function AppShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  // Decisions on my annotations since I last looked at the dashboard's feedback: the badge on "Dashboard".
  const { newDecisions } = await feedbackSinceLastLook(user.id);
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-2">
          <div className="flex items-center gap-6">
            <Link href="/" className="text-lg font-semibold tracking-tight">
              Newsmark
            </Link>
            <nav aria-label="Main">
              <NavLinks items={navigationFor(user)} feedbackCount={newDecisions} />
            </nav>
          </div>
          <div className="flex items-center gap-2 text-sm">
            <Link href="/account" className="rounded-md px-2 py-1 hover:bg-stone-100" aria-label={`Account of ${user.name}`}>
              {user.name}
            </Link>
            <RoleBadge role={user.role} />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
