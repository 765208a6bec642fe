import type { Role } from '@/lib/auth/policy';

const STYLE: Record<Role, string> = {
  ADMIN: 'bg-violet-100 text-violet-900 ring-violet-300',
  REVIEWER: 'bg-sky-100 text-sky-900 ring-sky-300',
  RESEARCHER: 'bg-stone-100 text-stone-800 ring-stone-300',
};

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLE[role]}`}>{role.toLowerCase()}</span>;
}
