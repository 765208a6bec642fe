import type { ButtonHTMLAttributes } from 'react';

const REGULAR = 'inline-flex items-center justify-center rounded-md px-3 py-2 text-sm font-medium shadow-sm transition-colors disabled:cursor-not-allowed';
// Small flat buttons inside a dense panel (the annotator's): the caller sets the padding.
const COMPACT = 'rounded disabled:opacity-50';
const LINK = 'hover:underline';

const VARIANTS = {
  primary: `${REGULAR} bg-indigo-700 text-white hover:bg-indigo-800 disabled:bg-indigo-300`,
  secondary: `${REGULAR} border border-stone-300 bg-white text-stone-800 hover:bg-stone-100 disabled:text-stone-400`,
  danger: `${REGULAR} border border-red-300 bg-white text-red-800 hover:bg-red-50 disabled:text-red-300`,
  'compact-primary': `${COMPACT} bg-indigo-700 text-white hover:bg-indigo-800`,
  'compact-approve': `${COMPACT} bg-emerald-700 text-white hover:bg-emerald-800`,
  'compact-caution': `${COMPACT} bg-amber-700 text-white hover:bg-amber-800`,
  'compact-secondary': `${COMPACT} border border-stone-300 bg-white hover:bg-stone-100`,
  'compact-danger': `${COMPACT} border border-red-300 bg-white text-red-800 hover:bg-red-50`,
  'compact-link': `${COMPACT} border border-indigo-300 text-indigo-900 hover:bg-indigo-50`,
  'compact-quiet': `${COMPACT} text-stone-600 hover:bg-stone-100`,
  link: `${LINK} text-indigo-800`,
  'link-danger': `${LINK} text-red-800`,
} as const;

export function Button({ variant = 'primary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof VARIANTS }) {
  return <button className={`${VARIANTS[variant]} ${className}`} {...props} />;
}
