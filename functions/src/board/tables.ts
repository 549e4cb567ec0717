import { index, table } from '../platform/table-def';

/**
 * The notice board (公告栏). One table: posts (`bp_…`) and, beside each post, the items that belong to
 * it, keyed from the post's id:
 * - `res#<postId>#<userId>`: a person's reservation of a limited event (one per person, by its key);
 * - `code#<postId>#<code>`: the 4-digit check-in code of that reservation (unique per event, by its key);
 * - `rep#<postId>#<userId>`: a person's report of the post (one per person);
 * - `follow#<stationId>#<userId>`: a person following a station (关注驿站), told of its new posts.
 * Reservations, codes, reports and follows carry the account as `userId` (posts name theirs `postedBy`),
 * so a person's own items are one query (`byUser`): their data export and account deletion.
 * The list indexes are sparse: a post carries `listCell`, `listStation` and `listDistrict` only while
 * it is active (not hidden or withdrawn), and their sort key `rank` orders the lists: events by start
 * (`e#<starts at, UTC>#<id>`), then jobs newest first (`j#<inverted posted at>#<id>`). Whether a post
 * has ended is read from `endsAt` at every read, and the expiry job (jobs/board-expiry.ts) takes ended
 * posts off the lists; the expiry by TTL removes the item 180 days later.
 */
export const boardPostsTable = table({
  name: 'boardPosts',
  key: 'id',
  indexes: [
    // "附近的零工和活动": `listCell` = the post's geohash at BOARD_CELL_PRECISION.
    index('byCell', 'listCell', 'rank'),
    // The station page's section.
    index('byStation', 'listStation', 'rank'),
    // The worker's chosen district.
    index('byDistrict', 'listDistrict', 'rank'),
    // Reported posts awaiting staff: `reviewQueue` = 'reported', `reviewSort` = `<district>#<reported at, UTC>#<id>`,
    // so any region (province, city, district) is one begins_with range.
    index('byReview', 'reviewQueue', 'reviewSort'),
    // A post's check-in codes (`codeOf` = post id on code items) and reports (`reportOf` = post id on report items).
    index('byCode', 'codeOf', 'code'),
    index('byReportOf', 'reportOf', 'reportedAt'),
    // Staff's figures: every post (never removed, unlike the list keys) by `figuresProvince` = the first two
    // digits of its district and `figuresSort` = `<district>#<posted at, UTC>#<id>`, so a region is one range.
    index('byRegionPosted', 'figuresProvince', 'figuresSort'),
    // A station's followers (`followerOf` = station id on follow items), the accounts its new posts are announced to.
    index('byFollowerOf', 'followerOf', 'follower', 'KEYS_ONLY'),
    // The expiry job's worklist: `listed` = 'listed' while a post carries its list keys, by `endsAt`, so
    // the posts that ended and are still listed are one range. One partition: the board posts a few a day.
    index('byEnd', 'listed', 'endsAt', 'KEYS_ONLY'),
    // A person's reservations, codes, reports and follows (`userId`), for their data export and account
    // deletion (personal-data.ts). Sparse: posts carry no `userId`.
    index('byUser', 'userId', 'id'),
  ],
  ttlAttribute: 'expiresAtEpoch',
  // Reservations and reports hold account ids; the phone on a job post is an employer's contact.
  personalData: true,
});

/** Geohash precision of `listCell`: cells of about 39 × 20 km, so a 5 km circle touches at most four. */
export const BOARD_CELL_PRECISION = 4;

export const boardTables = { boardPosts: boardPostsTable } as const;
