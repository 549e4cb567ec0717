import type { Access, ObjectRef, ObjectType } from '@yz/shared';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { forbidden, notFound, unauthenticated } from './errors';
import { userKey, type Principal } from './users';

/**
 * Authorization in one place. Every route's Access (from the contract) is decided here, before the
 * handler runs: the role, and for routes that touch an object, whether the caller is entitled to that
 * object (a host to their stations, staff to their region, an owner to what is theirs, an admin to all).
 */

/** What ownership questions need to know about an object. */
export interface ObjectFacts {
  /** The district (or, for region objects, the region code) the object belongs to. */
  regionCode?: string;
  /** Stations the object is, or is tied to. */
  stationIds?: string[];
  /** Users who own the object. */
  ownerIds?: string[];
}

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

const OWNER_ROLES = new Set(['worker', 'member', 'volunteer', 'hardship']);

/** Pure: the rule, the caller and the object's facts in, the verdict out. */
export function decide(access: Access, principal: Principal | null, facts: ObjectFacts | null): Decision {
  if (access.kind === 'public') return 'allow';
  if (!principal) return 'unauthenticated';
  if (access.kind === 'signedIn') return 'allow';
  const held = access.roles.filter((r) => principal.roles.includes(r));
  if (held.length === 0) return 'forbidden';
  if (!access.object) return 'allow';
  if (!facts) return 'forbidden';
  for (const role of held) {
    if (role === 'admin') return 'allow';
    if (role === 'staff' && facts.regionCode && principal.staffScopes.some((scope) => facts.regionCode!.startsWith(scope))) return 'allow';
    if (role === 'host' && facts.stationIds?.some((id) => principal.hostStations.includes(id))) return 'allow';
    if (OWNER_ROLES.has(role) && facts.ownerIds?.includes(principal.userId)) return 'allow';
  }
  return 'forbidden';
}

export type Resolver = (id: string) => Promise<ObjectFacts | null>;

/**
 * A function's object look-ups by type. Each domain supplies the resolvers of its own objects from its
 * resolver.ts (a station's from stations, a wish's from wishes), and a function's guard holds those its
 * routes name (functions/src/resolvers.ts; tests/unit/functions/resolvers.test.ts checks the cover).
 */
export type Resolvers = Partial<Record<ObjectType, Resolver>>;

/** The objects platform itself knows: a region is its own fact; a user is an item of the users table. */
export function platformResolvers(db: Db): Resolvers {
  return {
    region: async (code) => ({ regionCode: code }),
    user: async (id) => {
      const out = await db.doc.send(new GetCommand({ TableName: db.table('users'), Key: userKey(id), ProjectionExpression: 'id' }));
      return out.Item ? { ownerIds: [id] } : null;
    },
  };
}

const NOT_FOUND_MESSAGES: Record<ObjectType, [string, string]> = {
  station: ['STATION_NOT_FOUND', '没有找到这个驿站，它可能已被删除'],
  region: ['REGION_NOT_FOUND', '没有这个地区'],
  user: ['USER_NOT_FOUND', '没有找到这个用户'],
  application: ['APPLICATION_NOT_FOUND', '没有找到这份入会申请'],
  hardshipFile: ['HARDSHIP_FILE_NOT_FOUND', '没有找到这份困难职工档案'],
  wish: ['WISH_NOT_FOUND', '没有找到这个心愿，它可能已被撤回'],
  post: ['POST_NOT_FOUND', '没有找到这条信息，它可能已被撤下'],
};

/** Step one, before the request is parsed: does the caller hold a role the route admits? */
export function checkRole(access: Access, principal: Principal | null): void {
  const verdict = decide(access.kind === 'roles' ? { kind: 'roles', roles: access.roles } : access, principal, null);
  if (verdict === 'unauthenticated') throw unauthenticated();
  if (verdict === 'forbidden') throw forbidden();
}

/** Step two, once the request is parsed: is the caller entitled to the object the route touches? */
export async function checkObject(
  access: Access,
  principal: Principal | null,
  input: Partial<Record<'params' | 'query' | 'body', unknown>>,
  resolvers: Resolvers,
): Promise<void> {
  const ref: ObjectRef | undefined = access.kind === 'roles' ? access.object : undefined;
  if (!ref) return;
  const resolve = resolvers[ref.type];
  // A wiring mistake, not the caller's: the function's guard lacks its domain's resolver.
  if (!resolve) throw new Error(`no resolver for ${ref.type} objects in this function`);
  const id = (input[ref.from] as Record<string, unknown> | undefined)?.[ref.field];
  const facts = typeof id === 'string' ? await resolve(id) : null;
  if (!facts && principal?.isAdmin) {
    // Only an admin, entitled to everything, is told that the object does not exist.
    const [code, message] = NOT_FOUND_MESSAGES[ref.type];
    throw notFound(code, message);
  }
  if (decide(access, principal, facts) !== 'allow') throw forbidden();
}
