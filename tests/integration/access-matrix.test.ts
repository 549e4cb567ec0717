import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { contract, PERSONA_IDS, routeNames, VOLUNTEER_CONSENT_VERSION, type PersonaId, type RouteName } from '@yz/shared';
import { loginAs, loginWechat, request } from '../helpers/api';
import { applyBody, fileBody, hardshipWorkerOnFile } from '../helpers/hardship';
import { applicationBody, uniqueIdNumber } from '../helpers/membership';
import { postWish, wishBody } from '../helpers/wishes';
import { boardEventBody, boardJobBody, createPost, withdrawn } from '../helpers/board';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * The access matrix: every route in the contract, called by every persona (and by nobody), on
 * their own objects and on other people's. The table below is the specification, written by hand
 * and independently of the contract's access rules; a route added to the contract without a row
 * here fails this test.
 */

type Caller = 'anonymous' | PersonaId;
const CALLERS: Caller[] = ['anonymous', ...PERSONA_IDS];
const SIGNED_IN = PERSONA_IDS.filter(() => true) as Caller[];
const EVERYONE = CALLERS;

/** Station A is in 都昌县 (360428, 九江市 3604), hosted by `host`; station B in 琅琊区 (341102), hosted by `host-other`. */
const STATION_A = 'amap-B0J3R71OZC';
const STATION_B = 'demo-341102-01';

interface Case {
  label: string;
  /** Built per call, so it can use ids made in beforeAll. */
  input: () => { params?: Record<string, string>; query?: Record<string, string | number>; body?: unknown };
  allowed: readonly Caller[];
}

let targetUserId = '';
/** Application A: the `worker` persona's, in 都昌县 (360428). Application B: a stranger's, in 琅琊区 (341102). */
let APP_A = '';
let APP_B = '';
/** Wish A: the `hardship` persona's, in 都昌县 (360428). Wish B: another worker's, in 琅琊区 (341102). */
let WISH_A = '';
let WISH_B = '';
const A_OWNER_ROLES: readonly Caller[] = ['worker'];
const STAFF_OF_A: readonly Caller[] = ['district-staff', 'city-staff', 'admin'];
const STAFF_OF_B: readonly Caller[] = ['district-staff-other', 'admin'];
const ANY_STAFF: readonly Caller[] = ['district-staff', 'district-staff-other', 'district-staff-beihai', 'city-staff', 'admin'];
/** Hardship file A: filed in 都昌县 (360428) by its staff. File B: in 琅琊区 (341102). */
let FILE_A = '';
let FILE_B = '';
/** Board posts: A at station A, B at station B; the _GONE ones withdrawn. */
let POST_A = '';
let POST_B = '';
let POST_A_GONE = '';
let POST_B_GONE = '';

/** A route about one hardship file: staff of its district or city, admins; never the worker or a host. */
function onFiles(input: (id: string, districtCode: string) => ReturnType<Case['input']>): Case[] {
  return [
    { label: 'file A', input: () => input(FILE_A, '360428'), allowed: STAFF_OF_A },
    { label: 'file B', input: () => input(FILE_B, '341102'), allowed: STAFF_OF_B },
  ];
}
/** A complete edit of a file's six parts at a stale version: the allowed get 409, nothing changes. */
function staleEdit(districtCode: string) {
  const { consent: _consent, ...body } = fileBody({ districtCode });
  return { ...body, version: 999 };
}

/** A route about one station: its own host, staff over its district (district or city level), admins. */
function stationScoped(): Case[] {
  return [
    { label: 'station A', input: () => ({ params: { id: STATION_A } }), allowed: ['host', 'district-staff', 'city-staff', 'admin'] },
    { label: 'station B', input: () => ({ params: { id: STATION_B } }), allowed: ['host-other', 'district-staff-other', 'admin'] },
  ];
}

/** A route about a region: staff whose scope contains it, admins. */
function regionScoped(): Case[] {
  return [
    { label: 'district 360428', input: () => ({ query: { regionCode: '360428' } }), allowed: ['district-staff', 'city-staff', 'admin'] },
    { label: 'city 3604', input: () => ({ query: { regionCode: '3604' } }), allowed: ['city-staff', 'admin'] },
    { label: 'province 36', input: () => ({ query: { regionCode: '36' } }), allowed: ['admin'] },
    { label: 'district 341102', input: () => ({ query: { regionCode: '341102' } }), allowed: ['district-staff-other', 'admin'] },
  ];
}

/** Who may keep each station true: its host, staff whose region holds it, admins. */
const A_KEEPERS: Caller[] = ['host', 'district-staff', 'city-staff', 'admin'];
const B_KEEPERS: Caller[] = ['host-other', 'district-staff-other', 'admin'];
/** Who may manage each station (its profile, activation, hosts): staff of its region and admins. */
const A_STAFF: Caller[] = ['district-staff', 'city-staff', 'admin'];
const B_STAFF: Caller[] = ['district-staff-other', 'admin'];

/** One row per station for a route on `/stations/{id}/…`: A's keepers on A, B's on B (host A on B is denied). */
function onBoth(allowedA: Caller[], allowedB: Caller[], input: (id: string) => ReturnType<Case['input']>): Case[] {
  return [
    { label: 'station A', input: () => input(STATION_A), allowed: allowedA },
    { label: 'station B', input: () => input(STATION_B), allowed: allowedB },
  ];
}

const v1 = { expectedVersion: 1 };
const WEEKDAY_HOURS = {
  weekly: { mon: [{ open: '08:00', close: '18:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  exceptions: [],
};

const MATRIX: Record<RouteName, Case[]> = {
  nearbyStations: [{ label: 'near station A', input: () => ({ query: { lat: 29.27, lng: 116.2 } }), allowed: EVERYONE }],
  getStation: [{ label: 'station A', input: () => ({ params: { id: STATION_A } }), allowed: EVERYONE }],
  districtStations: [{ label: 'district 360428', input: () => ({ query: { districtCode: '360428' } }), allowed: EVERYONE }],
  listRegions: [{ label: 'cities of 江西省', input: () => ({ query: { parent: '36' } }), allowed: EVERYONE }],
  reportProblem: [{ label: 'on station A', input: () => ({ params: { id: STATION_A }, body: { kind: 'closed' } }), allowed: SIGNED_IN }],
  stationReports: stationScoped(),
  // A report id that is no report of the station: callers let through get 404, the others 401 / 403.
  replyToReport: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({
    params: { id, reportId: '00000000-0000-4000-8000-000000000000' },
    body: { message: '已经修好了，谢谢反馈', resolve: true },
  })),
  myReports: [{ label: 'own reports', input: () => ({}), allowed: SIGNED_IN }],
  regionReports: regionScoped(),
  recordVisit: [{ label: 'at station A', input: () => ({ params: { id: STATION_A } }), allowed: SIGNED_IN }],
  stationVisits: stationScoped(),
  // A code that fails its check: the allowed get 400, never 401/403.
  recordMemberScan: stationScoped().map((c) => ({ ...c, input: () => ({ ...c.input(), body: { token: 'YZMEMBER:a.b.c' } }) })),
  stationMemberScans: stationScoped(),
  regionVisits: regionScoped(),
  stationQrCode: stationScoped(),
  coverageBeacon: [{ label: 'a cell without a station', input: () => ({ body: { cell: 'wtmkq8', found: false, districtCode: null } }), allowed: EVERYONE }],
  coverageGaps: regionScoped(),
  updateStationHours: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({ params: { id }, body: { ...v1, hours: WEEKDAY_HOURS } })),
  closeStation: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({ params: { id }, body: { ...v1, reason: '设备检修', until: null } })),
  reopenStation: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({ params: { id }, body: v1 })),
  updateStationNotice: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({ params: { id }, body: { ...v1, notice: '今天有姜茶' } })),
  updateStationAmenities: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({
    params: { id },
    body: { ...v1, amenities: { ...makeStation().amenities, hot_water: 'yes' } },
  })),
  updateStationPhones: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({ params: { id }, body: { ...v1, phones: ['0792-5222123'] } })),
  // The body is not an image: callers let through get 400, the others 401 / 403 before it is looked at.
  uploadStationPhoto: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({ params: { id }, query: v1, body: { not: 'an image' } })),
  removeStationPhoto: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({ params: { id }, query: v1 })),
  verifyStation: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({ params: { id }, body: v1 })),
  stationHistory: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({ params: { id } })),
  listStations: [
    { label: 'district 360428', input: () => ({ query: { regionCode: '360428' } }), allowed: A_STAFF },
    { label: 'city 3604', input: () => ({ query: { regionCode: '3604' } }), allowed: ['city-staff', 'admin'] },
    { label: 'district 341102', input: () => ({ query: { regionCode: '341102' } }), allowed: B_STAFF },
  ],
  createStation: [
    {
      label: 'in 都昌县',
      input: () => ({ body: { name: '矩阵测试驿站', address: '都昌镇矩阵路 1 号', districtCode: '360428', location: null, type: 'community', hostOrganisation: null } }),
      allowed: A_STAFF,
    },
    {
      label: 'in 琅琊区',
      input: () => ({ body: { name: '矩阵测试驿站', address: '琅琊大道矩阵路 1 号', districtCode: '341102', location: null, type: 'community', hostOrganisation: null } }),
      allowed: B_STAFF,
    },
  ],
  updateStationProfile: onBoth(A_STAFF, B_STAFF, (id) => ({
    params: { id },
    body: {
      ...v1,
      name: `矩阵改名 ${id}`,
      address: '矩阵路 2 号',
      districtCode: id === STATION_A ? '360428' : '341102',
      location: id === STATION_A ? { lat: 29.2712, lng: 116.2015 } : { lat: 32.3043, lng: 118.3165 },
      type: 'community',
      hostOrganisation: null,
    },
  })),
  deactivateStation: onBoth(A_STAFF, B_STAFF, (id) => ({ params: { id }, body: { ...v1, reason: '场地收回' } })),
  activateStation: onBoth(A_STAFF, B_STAFF, (id) => ({ params: { id }, body: v1 })),
  listStationHosts: onBoth(A_STAFF, B_STAFF, (id) => ({ params: { id } })),
  dataHealth: regionScoped(),
  exportDataHealth: regionScoped(),
  importStations: [
    { label: 'into 都昌县', input: () => ({ query: { regionCode: '360428', dryRun: 1 }, body: '名称,地址\n矩阵驿站,矩阵路' }), allowed: A_STAFF },
    { label: 'into 九江市', input: () => ({ query: { regionCode: '3604', dryRun: 1 }, body: '名称,地址\n矩阵驿站,矩阵路' }), allowed: ['city-staff', 'admin'] },
    { label: 'into 琅琊区', input: () => ({ query: { regionCode: '341102', dryRun: 1 }, body: '名称,地址\n矩阵驿站,矩阵路' }), allowed: B_STAFF },
  ],
  exportStations: [
    { label: '都昌县 as GeoJSON', input: () => ({ query: { regionCode: '360428', format: 'geojson' } }), allowed: A_STAFF },
    { label: '九江市 as GeoJSON', input: () => ({ query: { regionCode: '3604', format: 'geojson' } }), allowed: ['city-staff', 'admin'] },
    { label: '琅琊区 as GeoJSON', input: () => ({ query: { regionCode: '341102', format: 'geojson' } }), allowed: B_STAFF },
  ],
  loginWechat: [{ label: 'a fresh code', input: () => ({ body: { code: `matrix-${Math.random().toString(36).slice(2)}.1` } }), allowed: EVERYONE }],
  loginDev: [{ label: 'as a worker', input: () => ({ body: { persona: 'worker' } }), allowed: EVERYONE }],
  listPersonas: [{ label: 'all personas', input: () => ({}), allowed: EVERYONE }],
  logout: [{ label: 'own session', input: () => ({}), allowed: SIGNED_IN }],
  getMe: [{ label: 'own account', input: () => ({}), allowed: SIGNED_IN }],
  exportMyData: [{ label: 'own data', input: () => ({}), allowed: SIGNED_IN }],
  deleteMe: [{ label: 'own account', input: () => ({}), allowed: SIGNED_IN }],
  listStaff: [{ label: 'all staff', input: () => ({}), allowed: ['admin'] }],
  grantStaff: [{ label: 'a user, a province', input: () => ({ body: { userId: targetUserId, regionCode: '36' } }), allowed: ['admin'] }],
  revokeStaff: [{ label: 'a user, a province', input: () => ({ params: { userId: targetUserId, regionCode: '36' } }), allowed: ['admin'] }],
  issueBindingCode: [
    { label: 'for station A', input: () => ({ body: { kind: 'host', stationId: STATION_A } }), allowed: ['district-staff', 'city-staff', 'admin'] },
    { label: 'for station B', input: () => ({ body: { kind: 'host', stationId: STATION_B } }), allowed: ['district-staff-other', 'admin'] },
  ],
  redeemBindingCode: [{ label: 'a wrong code', input: () => ({ body: { code: 'ABCDEFGH' } }), allowed: SIGNED_IN }],
  createHostInvitation: onBoth(A_STAFF, B_STAFF, (id) => ({ params: { id } })),
  // An invitation nobody made: the staff let through get 404.
  revokeHostInvitation: onBoth(A_STAFF, B_STAFF, (id) => ({ params: { id, invitationId: '0'.repeat(64) } })),
  // A token nobody holds: everyone signed in may try, and gets 400.
  redeemHostInvitation: [{ label: 'a wrong invitation', input: () => ({ body: { content: `YZHOST:${'A'.repeat(32)}`, name: '矩阵师傅' } }), allowed: SIGNED_IN }],
  unbindHost: [
    { label: 'host of station A', input: () => ({ params: { id: STATION_A, userId: 'demo-host' } }), allowed: ['district-staff', 'city-staff', 'admin'] },
    { label: 'host of station B', input: () => ({ params: { id: STATION_B, userId: 'demo-host-other' } }), allowed: ['district-staff-other', 'admin'] },
  ],
  listAudit: [
    { label: 'district 360428', input: () => ({ query: { regionCode: '360428' } }), allowed: ['district-staff', 'city-staff', 'admin'] },
    { label: 'city 3604', input: () => ({ query: { regionCode: '3604' } }), allowed: ['city-staff', 'admin'] },
    { label: 'province 36', input: () => ({ query: { regionCode: '36' } }), allowed: ['admin'] },
    { label: 'district 341102', input: () => ({ query: { regionCode: '341102' } }), allowed: ['district-staff-other', 'admin'] },
  ],
  // Callers after the first are told the number is taken or that they are members: still allowed to ask.
  submitApplication: [{ label: 'a new application', input: () => ({ body: applicationBody({ idNumber: uniqueIdNumber() }) }), allowed: SIGNED_IN }],
  getMyMembership: [{ label: 'own applications and card', input: () => ({}), allowed: SIGNED_IN }],
  getMemberPass: [{ label: 'own member code (404 for non-members)', input: () => ({}), allowed: SIGNED_IN }],
  recordSubscriptions: [{ label: 'an accepted template', input: () => ({ body: { results: { 'local-tmpl-membership-result': 'accept' } } }), allowed: SIGNED_IN }],
  getApplication: [
    { label: 'application A', input: () => ({ params: { id: APP_A } }), allowed: [...A_OWNER_ROLES, ...STAFF_OF_A] },
    { label: 'application B', input: () => ({ params: { id: APP_B } }), allowed: STAFF_OF_B },
  ],
  // A stale version: the allowed get 409, nothing changes.
  resubmitApplication: [
    { label: 'application A', input: () => ({ params: { id: APP_A }, body: { ...applicationBody(), version: 999 } }), allowed: A_OWNER_ROLES },
    { label: 'application B', input: () => ({ params: { id: APP_B }, body: { ...applicationBody(), version: 999 } }), allowed: [] },
  ],
  decideApplication: [
    { label: 'application A', input: () => ({ params: { id: APP_A }, body: { action: 'approve', version: 999 } }), allowed: STAFF_OF_A },
    { label: 'application B', input: () => ({ params: { id: APP_B }, body: { action: 'approve', version: 999 } }), allowed: STAFF_OF_B },
  ],
  revealApplicationPii: [
    { label: 'application A', input: () => ({ params: { id: APP_A }, body: { field: 'mobile' } }), allowed: STAFF_OF_A },
    { label: 'application B', input: () => ({ params: { id: APP_B }, body: { field: 'idNumber' } }), allowed: STAFF_OF_B },
  ],
  // Per-item checks answer inside a 200 (see the membership tests); the route itself is for staff.
  batchApproveApplications: [
    { label: 'application A, stale', input: () => ({ body: { items: [{ id: APP_A, version: 999 }] } }), allowed: ANY_STAFF },
  ],
  listApplicationQueue: [
    { label: 'district 360428', input: () => ({ query: { regionCode: '360428' } }), allowed: STAFF_OF_A },
    { label: 'city 3604', input: () => ({ query: { regionCode: '3604' } }), allowed: ['city-staff', 'admin'] },
    { label: 'district 341102', input: () => ({ query: { regionCode: '341102' } }), allowed: STAFF_OF_B },
  ],
  exportMembers: [
    { label: 'district 360428', input: () => ({ body: { regionCode: '360428' } }), allowed: STAFF_OF_A },
    { label: 'province 36', input: () => ({ body: { regionCode: '36' } }), allowed: ['admin'] },
    { label: 'district 341102', input: () => ({ body: { regionCode: '341102', reveal: true } }), allowed: STAFF_OF_B },
  ],  // Micro-wishes. Wish A: the `hardship` persona's, in 都昌县 (360428), handed over at station A; wish B:
  // another worker's, in 琅琊区 (341102). Moves carry a stale version (or an invalid body), so the callers
  // let through get 400 / 409 and nothing changes.
  wishWall: [{ label: 'the wall', input: () => ({ query: { status: 'open' } }), allowed: EVERYONE }],
  wishCities: [{ label: 'the cities', input: () => ({}), allowed: EVERYONE }],
  getWish: [{ label: 'wish A (in review: 404 for all)', input: () => ({ params: { id: WISH_A } }), allowed: EVERYONE }],
  // Above the value cap: the worker is let through and told so (400), nothing is posted.
  postWish: [{ label: 'a wish over the cap', input: () => ({ body: { ...wishBody(), valueFen: 400_000 } }), allowed: ['hardship'] }],
  myWishes: [{ label: 'own wishes', input: () => ({}), allowed: SIGNED_IN }],
  editWish: [
    { label: 'wish A', input: () => ({ params: { id: WISH_A }, body: { ...wishBody(), version: 999 } }), allowed: ['hardship'] },
    { label: "wish B (another worker's)", input: () => ({ params: { id: WISH_B }, body: { ...wishBody(), version: 999 } }), allowed: [] },
  ],
  // Hardship files: callers after the first are told they already have a file (409), still allowed to ask.
  applyHardship: [{ label: 'an own application', input: () => ({ body: applyBody({ districtCode: '360428' }) }), allowed: SIGNED_IN }],
  getMyHardship: [{ label: 'own file', input: () => ({}), allowed: SIGNED_IN }],
  createHardshipFile: [
    { label: 'in 都昌县', input: () => ({ body: fileBody({ districtCode: '360428' }) }), allowed: STAFF_OF_A },
    { label: 'in 琅琊区', input: () => ({ body: fileBody({ districtCode: '341102' }) }), allowed: STAFF_OF_B },
  ],
  listHardshipFiles: [
    { label: 'district 360428', input: () => ({ query: { regionCode: '360428' } }), allowed: STAFF_OF_A },
    { label: 'city 3604', input: () => ({ query: { regionCode: '3604' } }), allowed: ['city-staff', 'admin'] },
    { label: 'province 36', input: () => ({ query: { regionCode: '36' } }), allowed: ['admin'] },
    { label: 'district 341102', input: () => ({ query: { regionCode: '341102' } }), allowed: STAFF_OF_B },
  ],
  withdrawWish: [
    { label: 'wish A', input: () => ({ params: { id: WISH_A }, body: { version: 999 } }), allowed: ['hardship'] },
    { label: "wish B (another worker's)", input: () => ({ params: { id: WISH_B }, body: { version: 999 } }), allowed: [] },
  ],
  confirmWishReceived: [
    { label: 'wish A', input: () => ({ params: { id: WISH_A }, body: { version: 999 } }), allowed: ['hardship', ...STAFF_OF_A] },
    { label: 'wish B', input: () => ({ params: { id: WISH_B }, body: { version: 999 } }), allowed: STAFF_OF_B },
  ],
  thankWish: [
    { label: 'wish A', input: () => ({ params: { id: WISH_A }, body: { text: '谢谢', version: 999 } }), allowed: ['hardship'] },
    { label: "wish B (another worker's)", input: () => ({ params: { id: WISH_B }, body: { text: '谢谢', version: 999 } }), allowed: [] },
  ],
  recordWishSubscriptions: [{ label: 'an accepted template', input: () => ({ body: { results: { 'local-tmpl-wish-progress': 'accept' } } }), allowed: SIGNED_IN }],
  // Without the consent tick: everyone signed in is let through and told to tick it (400); nobody becomes a volunteer here.
  registerVolunteer: [
    { label: 'without consent', input: () => ({ body: { name: '矩阵', mobile: '13800001111', consentVersion: VOLUNTEER_CONSENT_VERSION } }), allowed: SIGNED_IN },
  ],
  getMyVolunteer: [{ label: 'own registration', input: () => ({}), allowed: SIGNED_IN }],
  // The volunteer role; the persona is not registered (409), and the wishes are in review anyway.
  claimWish: [
    { label: 'wish A', input: () => ({ params: { id: WISH_A } }), allowed: ['volunteer'] },
    { label: 'wish B', input: () => ({ params: { id: WISH_B } }), allowed: ['volunteer'] },
  ],
  cancelClaim: [
    { label: 'wish A (not claimed: 409)', input: () => ({ params: { id: WISH_A }, body: { version: 999 } }), allowed: ['volunteer'] },
    { label: 'wish B (not claimed: 409)', input: () => ({ params: { id: WISH_B }, body: { version: 999 } }), allowed: ['volunteer'] },
  ],
  deliverWish: [
    { label: 'wish A (not claimed: 409)', input: () => ({ params: { id: WISH_A }, body: { version: 999 } }), allowed: ['volunteer'] },
    { label: 'wish B (not claimed: 409)', input: () => ({ params: { id: WISH_B }, body: { version: 999 } }), allowed: ['volunteer'] },
  ],
  // The body is not an image: the volunteer is let through and gets 400.
  uploadDeliveryPhoto: [{ label: 'wish A, not an image', input: () => ({ params: { id: WISH_A }, body: { not: 'an image' } }), allowed: ['volunteer'] }],
  myClaims: [{ label: 'own claims', input: () => ({}), allowed: SIGNED_IN }],
  listRegionWishes: [
    { label: 'district 360428', input: () => ({ query: { regionCode: '360428' } }), allowed: STAFF_OF_A },
    { label: 'city 3604', input: () => ({ query: { regionCode: '3604' } }), allowed: ['city-staff', 'admin'] },
    { label: 'province 36', input: () => ({ query: { regionCode: '36' } }), allowed: ['admin'] },
    { label: 'district 341102', input: () => ({ query: { regionCode: '341102' } }), allowed: STAFF_OF_B },
  ],
  getHardshipFile: onFiles((id) => ({ params: { id } })),
  updateHardshipFile: onFiles((id, district) => ({ params: { id }, body: staleEdit(district) })),
  changeHardshipStatus: onFiles((id) => ({ params: { id }, body: { action: 'lift', version: 999 } })),
  addHardshipAssistance: onFiles((id) => ({ params: { id }, body: { date: '2026-11-20', kind: 'goods', amountFen: 100, version: 999 } })),
  revealHardshipPii: onFiles((id) => ({ params: { id }, body: { field: 'mobile' } })),
  issueHardshipBindingCode: onFiles((id) => ({ params: { id } })),
  reissueHardshipCard: onFiles((id) => ({ params: { id } })),
  revokeHardshipCard: onFiles((id) => ({ params: { id } })),
  // Every signed-in person may scan; who learns anything (staff of the region, the paired helper) is
  // tested in hardship-card.test.ts: the rest get the same 404 as for this token that is no card.
  scanHardshipCard: [{ label: 'a token that is no card', input: () => ({ body: { token: 'YZCARD:not-a-card-token' } }), allowed: SIGNED_IN }],
  moderateWish: [
    { label: 'wish A', input: () => ({ params: { id: WISH_A }, body: { action: 'approve', version: 999 } }), allowed: STAFF_OF_A },
    { label: 'wish B (other district)', input: () => ({ params: { id: WISH_B }, body: { action: 'approve', version: 999 } }), allowed: STAFF_OF_B },
  ],
  closeWish: [
    { label: 'wish A', input: () => ({ params: { id: WISH_A }, body: { reason: '矩阵测试', version: 999 } }), allowed: STAFF_OF_A },
    { label: 'wish B (other district)', input: () => ({ params: { id: WISH_B }, body: { reason: '矩阵测试', version: 999 } }), allowed: STAFF_OF_B },
  ],
  // No claimant yet: the staff let through get 409.
  revealClaimantContact: [
    { label: 'wish A', input: () => ({ params: { id: WISH_A } }), allowed: STAFF_OF_A },
    { label: 'wish B (other district)', input: () => ({ params: { id: WISH_B } }), allowed: STAFF_OF_B },
  ],
  wishStats: regionScoped(),
  stationWishes: stationScoped(),
  // A wrong pickup code: the keepers let through get 400.
  stationHandover: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({ params: { id }, body: { code: '222222' } })),
  // The notice board. Post A: a limited event posted at station A (都昌县); post B: a job at station B (琅琊区).
  stationBoard: [{ label: 'station A', input: () => ({ params: { id: STATION_A } }), allowed: EVERYONE }],
  nearbyPosts: [{ label: 'near station A', input: () => ({ query: { lat: 29.27, lng: 116.2 } }), allowed: EVERYONE }],
  getPost: [{ label: 'post A', input: () => ({ params: { id: POST_A } }), allowed: EVERYONE }],
  // A post that asks for a deposit: callers let through get 400, the others 401 / 403.
  createPost: onBoth(A_KEEPERS, B_KEEPERS, (id) => ({ params: { id }, body: { ...boardJobBody(), work: '搬运，入职先交押金 200 元' } })),
  // Post B is a job, post A an event: renewing either is a 409 for those let through.
  renewPost: [
    { label: 'post A (an event: 409)', input: () => ({ params: { id: POST_A } }), allowed: A_KEEPERS },
    { label: 'post B (withdrawn: 409)', input: () => ({ params: { id: POST_B_GONE } }), allowed: B_KEEPERS },
  ],
  withdrawPost: [
    { label: 'post A (already withdrawn: 409)', input: () => ({ params: { id: POST_A_GONE } }), allowed: A_KEEPERS },
    { label: 'post B (already withdrawn: 409)', input: () => ({ params: { id: POST_B_GONE } }), allowed: B_KEEPERS },
  ],
  revealPostPhone: [{ label: 'post B', input: () => ({ params: { id: POST_B } }), allowed: SIGNED_IN }],
  reportPost: [{ label: 'post B', input: () => ({ params: { id: POST_B }, body: { reason: 'inaccurate' } }), allowed: SIGNED_IN }],
  reservePlace: [{ label: 'post B (a job: 409)', input: () => ({ params: { id: POST_B } }), allowed: SIGNED_IN }],
  eventAttendance: [
    { label: 'post A', input: () => ({ params: { id: POST_A } }), allowed: A_KEEPERS },
    { label: 'post B (a job: 409)', input: () => ({ params: { id: POST_B } }), allowed: B_KEEPERS },
  ],
  // A code nobody holds: the keepers let through get 400.
  checkInByCode: [
    { label: 'post A', input: () => ({ params: { id: POST_A }, body: { code: '0000' } }), allowed: A_KEEPERS },
    { label: 'post B (a job: 409)', input: () => ({ params: { id: POST_B }, body: { code: '0000' } }), allowed: B_KEEPERS },
  ],
  reportedPosts: regionScoped(),
  // No position and no scan: the signed-in get 422 NOT_AT_STATION (allowed, just not from where they are).
  confirmStation: [
    { label: 'on station A', input: () => ({ params: { id: STATION_A }, body: { question: 'open', answer: 'yes', deviceId: 'matrix-device-1' } }), allowed: SIGNED_IN },
  ],
  // Following is the asker's own: any signed-in person, on any station (a guest is refused).
  stationFollow: [{ label: 'station A', input: () => ({ params: { id: STATION_A } }), allowed: SIGNED_IN }],
  followStation: [{ label: 'station B', input: () => ({ params: { id: STATION_B }, body: {} }), allowed: SIGNED_IN }],
  unfollowStation: [{ label: 'station B', input: () => ({ params: { id: STATION_B } }), allowed: SIGNED_IN }],
  moderatePost: [
    { label: 'post A', input: () => ({ params: { id: POST_A }, body: { action: 'keep' } }), allowed: A_STAFF },
    { label: 'post B', input: () => ({ params: { id: POST_B }, body: { action: 'keep' } }), allowed: B_STAFF },
  ],
};

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [
    makeStation({ id: STATION_A, district: { code: '360428', name: '都昌县' }, location: { lat: 29.2712, lng: 116.2015 } }),
    makeStation({ id: STATION_B, district: { code: '341102', name: '琅琊区' }, location: { lat: 32.3043, lng: 118.3165 } }),
  ]);
  targetUserId = (await loginWechat(stack.url, 'matrix-target.1')).body.me.id;
  const worker = await loginAs(stack.url, 'worker');
  const a = await request<{ id: string }>(stack.url, 'POST', '/membership/applications', { token: worker.token, body: applicationBody() });
  const stranger = (await loginWechat(stack.url, 'matrix-applicant.1')).body;
  const b = await request<{ id: string }>(stack.url, 'POST', '/membership/applications', {
    token: stranger.token,
    body: applicationBody({ districtCode: '341102', idNumber: uniqueIdNumber('341102') }),
  });
  if (a.status !== 201 || b.status !== 201) throw new Error(`could not make the matrix's applications: ${a.status} ${b.status}`);
  APP_A = a.body.id;
  APP_B = b.body.id;
  const fa = await request<{ id: string }>(stack.url, 'POST', '/hardship/files', { token: (await loginAs(stack.url, 'district-staff')).token, body: fileBody({ districtCode: '360428' }) });
  const fb = await request<{ id: string }>(stack.url, 'POST', '/hardship/files', { token: (await loginAs(stack.url, 'district-staff-other')).token, body: fileBody({ districtCode: '341102' }) });
  if (fa.status !== 201 || fb.status !== 201) throw new Error(`could not make the matrix's hardship files: ${fa.status} ${fb.status}`);
  FILE_A = fa.body.id;
  FILE_B = fb.body.id;

  // Wish A: posted by a worker on file in 都昌县, then handed to the `hardship` persona (the owner the
  // access rules look at), so the persona needs no file of its own here. Wish B: a worker in 琅琊区.
  const liu = await loginAs(stack.url, 'hardship');
  const posterA = await hardshipWorkerOnFile(stack.url, { districtCode: '360428' });
  WISH_A = (await postWish(stack.url, posterA.token, wishBody({ handover: { kind: 'station', stationId: STATION_A } }))).id;
  await stack.platform.db.doc.send(
    new UpdateCommand({ TableName: stack.platform.db.table('wishes'), Key: { id: WISH_A }, UpdateExpression: 'SET userId = :u', ExpressionAttributeValues: { ':u': liu.me.id } }),
  );
  const other = await hardshipWorkerOnFile(stack.url, { districtCode: '341102' });
  WISH_B = (await postWish(stack.url, other.token, wishBody({ handover: { kind: 'station', stationId: STATION_B } }))).id;

  const hostA = (await loginAs(stack.url, 'host')).token;
  const hostB = (await loginAs(stack.url, 'host-other')).token;
  POST_A = (await createPost(stack.url, hostA, STATION_A, boardEventBody({ capacity: 5 }))).id;
  POST_B = (await createPost(stack.url, hostB, STATION_B, boardJobBody())).id;
  POST_A_GONE = await withdrawn(stack.url, hostA, (await createPost(stack.url, hostA, STATION_A, boardJobBody())).id);
  POST_B_GONE = await withdrawn(stack.url, hostB, (await createPost(stack.url, hostB, STATION_B, boardJobBody())).id);
  // Some forty requests on a machine other test runs share: the default 30 s hook timeout was seen to run out.
}, 120_000);
afterAll(async () => {
  await stack.stop();
});

test('every contract route has a row in the matrix, and nothing else does', () => {
  expect(Object.keys(MATRIX).sort()).toEqual([...routeNames].sort());
});

const rows = (Object.entries(MATRIX) as [RouteName, Case[]][]).flatMap(([name, cases]) => cases.map((c) => [name, c] as const));

test.each(rows.map(([name, c]) => [`${name} (${c.label})`, name, c] as const))('%s', async (_title, name, c) => {
  const route = contract[name];
  const outcomes: string[] = [];
  const expected: string[] = [];
  for (const caller of CALLERS) {
    // A fresh session per call: some routes end the session or delete the account they are called with.
    const token = caller === 'anonymous' ? null : (await loginAs(stack.url, caller)).token;
    const input = c.input();
    const path =
      route.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(input.params?.[key] ?? '')) +
      (input.query ? `?${new URLSearchParams(Object.entries(input.query).map(([k, v]) => [k, String(v)] as [string, string])).toString()}` : '');
    // A file answer (a CSV) is not JSON: only its status matters here.
    const res =
      'responseKind' in route && route.responseKind === 'file' && input.body === undefined
        ? await fetch(`${stack.url}${path}`, { method: route.method, headers: token ? { authorization: `Bearer ${token}` } : {} })
        : await request(stack.url, route.method, path, { token, body: input.body });
    expect(res.status).toBeLessThan(500);
    const allowed = res.status !== 401 && res.status !== 403;
    outcomes.push(`${caller}: ${allowed ? 'allowed' : 'denied'}${allowed ? '' : ` (${res.status})`}`);
    const shouldAllow = c.allowed.includes(caller);
    expected.push(`${caller}: ${shouldAllow ? 'allowed' : 'denied'}${shouldAllow ? '' : ` (${caller === 'anonymous' ? 401 : 403})`}`);
  }
  expect(outcomes).toEqual(expected);
});
