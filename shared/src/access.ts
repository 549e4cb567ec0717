/**
 * Who may call a route. Every route in the contract declares one of these; the router enforces it
 * before the handler runs, so no handler has to remember.
 */

export const ROLES = ['worker', 'member', 'volunteer', 'hardship', 'host', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  worker: '劳动者',
  member: '工会会员',
  volunteer: '爱心志愿者',
  hardship: '在档困难职工',
  host: '驿站负责人',
  staff: '工会工作人员',
  admin: '管理员',
};

export type Access =
  /** Anyone, signed in or not. */
  | { kind: 'public' }
  /** Any signed-in user. */
  | { kind: 'signedIn' }
  /** Signed-in users holding one of the roles. */
  | { kind: 'roles'; roles: readonly Role[] };

export const PUBLIC: Access = { kind: 'public' };
export const SIGNED_IN: Access = { kind: 'signedIn' };
export const anyOf = (...roles: Role[]): Access => ({ kind: 'roles', roles });

export function describeAccess(access: Access): string {
  switch (access.kind) {
    case 'public':
      return 'public';
    case 'signedIn':
      return 'signed-in user';
    case 'roles':
      return access.roles.join(' | ');
  }
}
