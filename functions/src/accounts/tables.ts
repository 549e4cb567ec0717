import type { TableDef } from '../platform/table-def';

// Accounts: users, sessions and one-time binding codes.

/**
 * Accounts. Two kinds of item share the table: `user#<id>` holds a user (roles, staff scopes, host
 * bindings), and `openid#<openid>` points a WeChat identity at its user. Both are written in one
 * transaction with attribute_not_exists, so one WeChat account can never become two users.
 */
export const usersTable = {
  name: 'users',
  partitionKey: { name: 'pk', type: 'S' },
  indexes: [
    {
      // Staff listing for admins: only users with a staff scope carry `staffFlag`.
      name: 'byStaff',
      partitionKey: { name: 'staffFlag', type: 'S' },
      sortKey: { name: 'pk', type: 'S' },
      projection: 'ALL',
    },
  ],
  personalData: true,
} as const satisfies TableDef;

/** Sessions: a token names its session; deleting the session ends the token at once. */
export const sessionsTable = {
  name: 'sessions',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [
    {
      name: 'byUser',
      partitionKey: { name: 'userId', type: 'S' },
      projection: 'ALL',
    },
  ],
  ttlAttribute: 'expiresAtEpoch',
  personalData: true,
} as const satisfies TableDef;

/** One-time binding codes, keyed by a hash of the code so the table never holds a usable code. */
export const bindingCodesTable = {
  name: 'binding-codes',
  partitionKey: { name: 'codeHash', type: 'S' },
  indexes: [],
  ttlAttribute: 'purgeAtEpoch',
  personalData: false,
} as const satisfies TableDef;

export const accountTables = { users: usersTable, sessions: sessionsTable, bindingCodes: bindingCodesTable } as const;
