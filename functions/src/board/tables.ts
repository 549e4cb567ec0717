import type { TableDef } from '../platform/table-def';

/**
 * The notice board (公告栏). One table: posts (`bp_…`) and, beside each post, the items that belong to
 * it, keyed from the post's id:
 * - `res#<postId>#<userId>`: a person's reservation of a limited event (one per person, by its key);
 * - `code#<postId>#<code>`: the 4-digit check-in code of that reservation (unique per event, by its key);
 * - `rep#<postId>#<userId>`: a person's report of the post (one per person);
 * - `follow#<stationId>#<userId>`: a person following a station (关注驿站), told of its new posts.
 * The list indexes are sparse: a post carries `listCell`, `listStation` and `listDistrict` only while
 * it is active (not hidden or withdrawn), and their sort key `rank` orders the lists: events by start
 * (`e#<starts at, UTC>#<id>`), then jobs newest first (`j#<inverted posted at>#<id>`). Whether a post
 * has ended is read from `endsAt` at every read, and the expiry job (jobs/board-expiry.ts) takes ended
 * posts off the lists; the expiry by TTL removes the item 180 days later.
 */
export const boardPostsTable = {
  name: 'boardPosts',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [
    // "附近的零工和活动": `listCell` = the post's geohash at BOARD_CELL_PRECISION.
    { name: 'byCell', partitionKey: { name: 'listCell', type: 'S' }, sortKey: { name: 'rank', type: 'S' }, projection: 'ALL' },
    // The station page's section.
    { name: 'byStation', partitionKey: { name: 'listStation', type: 'S' }, sortKey: { name: 'rank', type: 'S' }, projection: 'ALL' },
    // The worker's chosen district.
    { name: 'byDistrict', partitionKey: { name: 'listDistrict', type: 'S' }, sortKey: { name: 'rank', type: 'S' }, projection: 'ALL' },
    // Reported posts awaiting staff: `reviewQueue` = 'reported', `reviewSort` = `<district>#<reported at, UTC>#<id>`,
    // so any region (province, city, district) is one begins_with range.
    { name: 'byReview', partitionKey: { name: 'reviewQueue', type: 'S' }, sortKey: { name: 'reviewSort', type: 'S' }, projection: 'ALL' },
    // A post's check-in codes (`codeOf` = post id on code items) and reports (`reportOf` = post id on report items).
    { name: 'byCode', partitionKey: { name: 'codeOf', type: 'S' }, sortKey: { name: 'code', type: 'S' }, projection: 'ALL' },
    { name: 'byReportOf', partitionKey: { name: 'reportOf', type: 'S' }, sortKey: { name: 'reportedAt', type: 'S' }, projection: 'ALL' },
    // Staff's figures: every post (never removed, unlike the list keys) by `figuresProvince` = the first two
    // digits of its district and `figuresSort` = `<district>#<posted at, UTC>#<id>`, so a region is one range.
    { name: 'byRegionPosted', partitionKey: { name: 'figuresProvince', type: 'S' }, sortKey: { name: 'figuresSort', type: 'S' }, projection: 'ALL' },
    // A station's followers (`followerOf` = station id on follow items), the accounts its new posts are announced to.
    { name: 'byFollowerOf', partitionKey: { name: 'followerOf', type: 'S' }, sortKey: { name: 'follower', type: 'S' }, projection: 'KEYS_ONLY' },
    // The expiry job's worklist: `listed` = 'listed' while a post carries its list keys, by `endsAt`, so
    // the posts that ended and are still listed are one range. One partition: the board posts a few a day.
    { name: 'byEnd', partitionKey: { name: 'listed', type: 'S' }, sortKey: { name: 'endsAt', type: 'S' }, projection: 'KEYS_ONLY' },
  ],
  ttlAttribute: 'expiresAtEpoch',
  // Reservations and reports hold account ids; the phone on a job post is an employer's contact.
  personalData: true,
} as const satisfies TableDef;

/** Geohash precision of `listCell`: cells of about 39 × 20 km, so a 5 km circle touches at most four. */
export const BOARD_CELL_PRECISION = 4;

export const boardTables = { boardPosts: boardPostsTable } as const;
