import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-stone-600">There is nothing here, or it is not available to you.</p>
      <Link href="/" className="mt-6 inline-block font-medium text-indigo-800 hover:underline">
        Back to the dashboard
      </Link>
    </main>
  );
}
