'use client';

/** Bugs land here; the client sees a reference, never a stack trace (production strips it). */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-stone-600">The error has been logged{error.digest ? ` (reference ${error.digest})` : ''}. Your saved work is safe.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-indigo-700 px-3 py-2 text-sm font-medium text-white">
        Try again
      </button>
    </main>
  );
}
