import { ROLES } from '@/lib/auth/policy';

/** The choices of a role select, shown in lower case. */
export function RoleOptions() {
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {role.toLowerCase()}
    </option>
  ));
}
