import { index, regionIndexes, table } from '../platform/table-def';

// Membership (入会): applications, the one-claim-per-person ID claims, and members.

/**
 * Membership applications (入会申请). One item per application, keyed by its id. The ID number and
 * mobile are only ever stored encrypted (`pii`, envelope-encrypted) and masked (`idMasked`,
 * `mobileMasked`); `idHash` is a keyed hash for lookups. `statusKey` = `<status>#<last change,
 * Shanghai ISO>#<id>`, so a staff queue is one query: a region index, `begins_with(statusKey,
 * 'submitted#')`, or a `between` on the dates.
 */
export const applicationsTable = table({
  name: 'applications',
  key: 'id',
  // The applicant's own applications (byUser), newest first.
  indexes: [...regionIndexes('statusKey'), index('byUser', 'userId', 'submittedAt')],
  personalData: true,
});

/**
 * One claim per person: keyed by the keyed hash of the ID number, written in the same transaction as
 * the application with attribute_not_exists, so two submissions of one ID number, however close,
 * yield one application. The claim stays while the application is open and after approval (state
 * `member`); a rejection deletes it in the rejecting transaction, and so does the withdrawal of an open
 * application when its applicant deletes their account.
 */
export const idClaimsTable = table({ name: 'id-claims', key: 'idHash', personalData: true });

/**
 * Members (会员): `member#<userId>` holds the member card (number, name, union, join date) with the
 * encrypted ID number and mobile copied from the application; `seq#<district>#<year>` counts member
 * numbers issued. Exports read the region indexes, sorted by member number.
 */
export const membersTable = table({ name: 'members', key: 'pk', indexes: regionIndexes('memberNo'), personalData: true });

export const membershipTables = { applications: applicationsTable, idClaims: idClaimsTable, members: membersTable } as const;
