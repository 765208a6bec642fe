import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { LoginForm } from '@/components/auth/LoginForm';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

// Fixed texts, chosen by key: nothing from the URL is echoed into the page.
const NOTICES: Record<string, string> = {
  'password-changed': 'Your password has been changed. Sign in with the new one.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getCurrentUser()) redirect('/');
  const { notice } = await searchParams;
  const noticeText = typeof notice === 'string' ? NOTICES[notice] : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-stone-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">Newsmark</h1>
        <p className="mb-6 text-sm text-stone-600">Sign in to the annotation workbench.</p>
        {noticeText ? (
          <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            {noticeText}
          </p>
        ) : null}
        <Suspense>
          <LoginForm />
        </Suspense>
      </div>
    </main>
  );
}
