import { index, table } from '../platform/table-def';

// Accounts: users, sessions and one-time binding codes.

/**
 * Accounts. Two kinds of item share the table: `user#<id>` holds a user (roles, staff scopes, host
 * bindings), and `openid#<openid>` points a WeChat identity at its user. Both are written in one
 * transaction with attribute_not_exists, so one WeChat account can never become two users.
 */
export const usersTable = table({
  name: 'users',
  key: 'pk',
  // Staff listing for admins: only users with a staff scope carry `staffFlag`.
  indexes: [index('byStaff', 'staffFlag', 'pk')],
  personalData: true,
});

/** Sessions: a token names its session; deleting the session ends the token at once. */
export const sessionsTable = table({ name: 'sessions', key: 'id', indexes: [index('byUser', 'userId')], ttlAttribute: 'expiresAtEpoch', personalData: true });

/** One-time binding codes, keyed by a hash of the code so the table never holds a usable code. */
export const bindingCodesTable = table({ name: 'binding-codes', key: 'codeHash', ttlAttribute: 'purgeAtEpoch', personalData: false });

export const accountTables = { users: usersTable, sessions: sessionsTable, bindingCodes: bindingCodesTable } as const;
