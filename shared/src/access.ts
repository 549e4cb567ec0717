/**
 * Who may call a route. Every route in the contract declares one of these; the router enforces it
 * before the handler runs (functions/src/platform/access.ts), so no handler has to remember.
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

/**
 * The object a route touches, and where its id is in the request. The router looks the object up
 * and checks ownership: a host only for their own stations, staff only inside their region, a
 * worker only for what is theirs; an admin for everything.
 */
export const OBJECT_TYPES = ['station', 'region', 'user', 'application', 'hardshipFile', 'wish', 'post'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export interface ObjectRef {
  type: ObjectType;
  from: 'params' | 'query' | 'body';
  /** The field holding the object's id (a region code for 'region'). */
  field: string;
}

export type Access =
  /** Anyone, signed in or not. */
  | { kind: 'public' }
  /** Any signed-in user; what they read or change is their own by construction (/me). */
  | { kind: 'signedIn' }
  /** Signed-in users holding one of the roles, and, when `object` is set, entitled to that object. */
  | { kind: 'roles'; roles: readonly Role[]; object?: ObjectRef };

export const PUBLIC: Access = { kind: 'public' };
export const SIGNED_IN: Access = { kind: 'signedIn' };
export const anyOf = (roles: readonly Role[], object?: ObjectRef): Access => ({ kind: 'roles', roles, ...(object ? { object } : {}) });

export function describeAccess(access: Access): string {
  switch (access.kind) {
    case 'public':
      return 'anyone';
    case 'signedIn':
      return 'any signed-in user';
    case 'roles':
      return `${access.roles.join(' | ')}${access.object ? ` (of the ${access.object.type} in ${access.object.from}.${access.object.field})` : ''}`;
  }
}
