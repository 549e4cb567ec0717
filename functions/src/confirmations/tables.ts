import type { TableDef } from '../platform/table-def';

/**
 * Workers' confirmations (师傅确认). Two kinds of item:
 * - `station#<id>` / `answer#<question>#<user>`: a person's latest answer to one question at one station
 *   (answer, time, their weight then). Replaced at most once per CONFIRM_REPEAT_HOURS by a conditional
 *   put; read whole per station to fold the summary. Expires after the evidence window (TTL).
 * - `person#<user>` / `weight`: how often the person's answers agreed or disagreed with the others'
 *   (`personWeight`). Expires half a year after the last answer.
 * `personId` (the user) is kept on answers for the person's own data export and account deletion; it
 * is never shown to anyone else.
 */
export const confirmationsTable = {
  name: 'station-confirmations',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [
    {
      name: 'byPerson',
      partitionKey: { name: 'personId', type: 'S' },
      sortKey: { name: 'pk', type: 'S' },
      projection: 'INCLUDE',
      nonKeyAttributes: ['question', 'answer', 'at'],
    },
  ],
  ttlAttribute: 'expiresAtEpoch',
  personalData: true,
} as const satisfies TableDef;

export const confirmationTables = { confirmations: confirmationsTable } as const;
