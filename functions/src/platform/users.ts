import { effectiveRoles, type Me, type Role } from '@yz/shared';
import { batchGet } from './batch';
import type { Db } from './db';

/**
 * The user item as stored (users table, `user#<id>`). Scopes and bindings are DynamoDB string sets,
 * changed only with ADD / DELETE so that two staff changing one user at once never lose an edit.
 */
export interface UserItem {
  pk: string;
  kind: 'user';
  id: string;
  openid?: string;
  createdAt: string;
  staffScopes?: Set<string>;
  hostStations?: Set<string>;
  isAdmin?: boolean;
  member?: boolean;
  volunteer?: boolean;
  hardship?: boolean;
  /** The hardship file this account is bound to (set with `hardship` when a binding code is redeemed). */
  hardshipFileId?: string;
  /** Present (as '1') while the user has any staff scope: the byStaff index is sparse on it. */
  staffFlag?: '1';
  staffGrantedAt?: string;
  /** How the person asked to be called when they accepted a host invitation (shown to staff instead of the id). */
  displayName?: string;
}

export const userKey = (id: string) => ({ pk: `user#${id}` });
export const openidKey = (openid: string) => ({ pk: `openid#${openid}` });

/** Who is asking, as the router and handlers see it. */
export interface Principal {
  userId: string;
  sessionId: string;
  roles: Role[];
  staffScopes: string[];
  hostStations: string[];
  isAdmin: boolean;
}

const sorted = (set: Set<string> | undefined) => [...(set ?? [])].sort();

export function principalOf(user: UserItem, sessionId: string): Principal {
  const staffScopes = sorted(user.staffScopes);
  const hostStations = sorted(user.hostStations);
  const isAdmin = user.isAdmin === true;
  return {
    userId: user.id,
    sessionId,
    staffScopes,
    hostStations,
    isAdmin,
    roles: effectiveRoles({ ...user, staffScopes, hostStations, isAdmin }),
  };
}

export function meOf(user: UserItem): Me {
  const p = principalOf(user, '');
  return { id: user.id, roles: p.roles, staffScopes: p.staffScopes, hostStations: p.hostStations, isAdmin: p.isAdmin, hardshipFileId: user.hardshipFileId ?? null, createdAt: user.createdAt };
}

/**
 * The names people gave (host invitations) for a few user ids, by id; null for those who gave none.
 * One BatchGet of the users table, which every function's router already reads (routerNeeds).
 */
export async function displayNames(db: Db, ids: readonly string[]): Promise<Map<string, string | null>> {
  const items = await batchGet(db.doc, db.table('users'), ids.map(userKey), { ProjectionExpression: 'id, displayName' });
  const byId = new Map(items.map((item) => [item.id as string, (item.displayName as string | undefined) ?? null]));
  return new Map(ids.map((id) => [id, byId.get(id) ?? null]));
}
