import { QueryCommand, ScanCommand, type QueryCommandInput, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { ACTIVE_WISH_STATUSES, type WishStatus } from '@yz/shared';
import type { TableName } from '@yz/functions';
import type { Db } from '@yz/functions/platform/db';
import { regionChildren } from '@yz/functions/platform/regions';

/**
 * Invariants over the stored data that no single request can check (`npm run check:data`). Run after a
 * database stall (tests/integration/db-stall.test.ts) and by staff against a deployed stage.
 *
 * Reads only, and never Scans the stations table (200k items: a scan takes tens of seconds on DynamoDB
 * Local and costs the whole table in AWS): stations are listed through the `byProvince` index, one
 * province partition at a time, keys and version only, and each station's newest history entry is one
 * Query with Limit 1. The other tables read here (wishes, applications, id-claims, members, hardship
 * files) hold one item per person or wish, thousands not hundreds of thousands: they are read with a
 * paged Scan, which is the only way to reach their items that carry no index attribute (quota counters,
 * claims).
 */

export interface Violation {
  check: string;
  table: TableName;
  /** The item's key, as `attribute=value`. */
  key: string;
  detail: string;
}

export interface DataReport {
  violations: Violation[];
  /** Items looked at, per table. */
  read: Partial<Record<TableName, number>>;
}

type Item = Record<string, unknown>;
type TimelineEntry = { to?: unknown };

const PARALLEL = 16;

async function* pages(db: Db, input: ScanCommandInput | QueryCommandInput, kind: 'scan' | 'query'): AsyncGenerator<Item[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = kind === 'scan'
      ? await db.doc.send(new ScanCommand({ ...(input as ScanCommandInput), ExclusiveStartKey: start }))
      : await db.doc.send(new QueryCommand({ ...(input as QueryCommandInput), ExclusiveStartKey: start }));
    yield (out.Items ?? []) as Item[];
    start = out.LastEvaluatedKey;
  } while (start);
}

async function scanAll(db: Db, table: TableName): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pages(db, { TableName: db.table(table) }, 'scan')) items.push(...page);
  return items;
}

async function inChunks<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(work));
}

/** The status the item's timeline ends in, or undefined for an empty or missing timeline. */
function lastTimelineStatus(item: Item): unknown {
  const timeline = item.timeline;
  if (!Array.isArray(timeline) || timeline.length === 0) return undefined;
  return (timeline[timeline.length - 1] as TimelineEntry).to;
}

export async function checkData(db: Db): Promise<DataReport> {
  const violations: Violation[] = [];
  const read: DataReport['read'] = {};
  const flag = (check: string, table: TableName, key: string, detail: string) => violations.push({ check, table, key, detail });

  // --- Stations: the station's version is the version its newest history entry produced. ---
  const stations: { id: string; version: number }[] = [];
  for (const province of regionChildren() ?? []) {
    const query: QueryCommandInput = {
      TableName: db.table('stations'),
      IndexName: 'byProvince',
      KeyConditionExpression: 'provinceCode = :p',
      ExpressionAttributeValues: { ':p': province.code },
      ProjectionExpression: 'id, #v',
      ExpressionAttributeNames: { '#v': 'version' },
    };
    for await (const page of pages(db, query, 'query')) {
      for (const item of page) stations.push({ id: String(item.id), version: Number(item.version ?? 0) });
    }
  }
  read.stations = stations.length;
  let historyRead = 0;
  await inChunks(stations, async (station) => {
    const out = await db.doc.send(
      new QueryCommand({
        TableName: db.table('stationHistory'),
        KeyConditionExpression: 'stationId = :id',
        ExpressionAttributeValues: { ':id': station.id },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const latest = out.Items?.[0];
    historyRead += out.Items?.length ?? 0;
    // Stations loaded raw (demo data, `putMany`) start without history at version 1 or none.
    if (!latest) {
      if (station.version > 1) flag('station-history', 'stations', `id=${station.id}`, `version ${station.version} but no history entry`);
      return;
    }
    if (Number(latest.version) !== station.version) {
      flag('station-history', 'stations', `id=${station.id}`, `version ${station.version}, newest history entry produced version ${String(latest.version)}`);
    }
  });
  read.stationHistory = historyRead;

  // --- Wishes: claims have a claimant, quota counters equal active wishes, timelines end in the status. ---
  const wishItems = await scanAll(db, 'wishes');
  read.wishes = wishItems.length;
  const activeByUser = new Map<string, number>();
  const quotas = new Map<string, number>();
  const onWallByCity = new Map<string, number>();
  const cityCounters = new Map<string, number>();
  for (const item of wishItems) {
    const id = String(item.id);
    if (id.startsWith('quota#')) {
      quotas.set(id.slice('quota#'.length), Number(item.open ?? 0));
      continue;
    }
    if (item.kind === 'wallCity') {
      cityCounters.set(String(item.wallSort), Number(item.onWall ?? 0));
      continue;
    }
    if (item.wall === 'wall') onWallByCity.set(String(item.cityCode), (onWallByCity.get(String(item.cityCode)) ?? 0) + 1);
    const status = item.status as WishStatus;
    if ((status === 'claimed' || status === 'delivered') && !item.claimantId) {
      flag('wish-claimant', 'wishes', `id=${id}`, `status ${status} without a claimant`);
    }
    if (status === 'claimed' && (item.dueQueue !== 'claims' || !item.dueAt)) {
      flag('wish-claim-due', 'wishes', `id=${id}`, 'claimed but not queued for the claim-expiry job');
    }
    if (status !== 'claimed' && item.dueQueue !== undefined) {
      flag('wish-claim-due', 'wishes', `id=${id}`, `status ${status} still queued for the claim-expiry job`);
    }
    // The retention job removes the timeline of a closed wish with its other personal fields.
    if (!item.erasedAt && lastTimelineStatus(item) !== status) {
      flag('wish-timeline', 'wishes', `id=${id}`, `status ${status}, timeline ends in ${String(lastTimelineStatus(item))}`);
    }
    if (ACTIVE_WISH_STATUSES.includes(status)) {
      const user = String(item.userId);
      activeByUser.set(user, (activeByUser.get(user) ?? 0) + 1);
    }
  }
  for (const user of new Set([...activeByUser.keys(), ...quotas.keys()])) {
    const active = activeByUser.get(user) ?? 0;
    const counted = quotas.get(user) ?? 0;
    if (active !== counted) flag('wish-quota', 'wishes', `id=quota#${user}`, `counts ${counted} active wishes, ${active} stored`);
  }
  // The wall's city list (GET /wishes/cities) is these counters: a wrong one hides or invents a city.
  for (const city of new Set([...onWallByCity.keys(), ...cityCounters.keys()])) {
    const onWall = onWallByCity.get(city) ?? 0;
    const counted = cityCounters.get(city) ?? 0;
    if (onWall !== counted) flag('wall-city', 'wishes', `id=wallcity#${city}`, `counts ${counted} wishes on the wall, ${onWall} stored`);
  }

  // --- Membership: timelines end in the status; an open ID claim points at a live application. ---
  const applications = await scanAll(db, 'applications');
  read.applications = applications.length;
  const applicationById = new Map(applications.map((a) => [String(a.id), a]));
  for (const app of applications) {
    if (lastTimelineStatus(app) !== app.status) {
      flag('application-timeline', 'applications', `id=${String(app.id)}`, `status ${String(app.status)}, timeline ends in ${String(lastTimelineStatus(app))}`);
    }
  }
  const claims = await scanAll(db, 'idClaims');
  read.idClaims = claims.length;
  for (const claim of claims) {
    const app = applicationById.get(String(claim.applicationId));
    const expected = claim.state === 'member' ? ['approved'] : ['submitted', 'returned'];
    if (!app || !expected.includes(String(app.status))) {
      flag('id-claim', 'idClaims', `idHash=${String(claim.idHash).slice(0, 8)}…`, `${String(claim.state)} claim of application ${String(claim.applicationId)} in status ${String(app?.status ?? 'missing')}`);
    }
  }
  const members = (await scanAll(db, 'members')).filter((m) => String(m.pk).startsWith('member#'));
  read.members = members.length;
  for (const member of members) {
    const app = applicationById.get(String(member.applicationId));
    if (!app || app.status !== 'approved') {
      flag('member-application', 'members', `pk=${String(member.pk)}`, `application ${String(member.applicationId)} is ${String(app?.status ?? 'missing')}, not approved`);
    }
  }

  // --- Hardship files: timelines end in the status; every ID claim names an existing file. ---
  const hardship = await scanAll(db, 'hardshipFiles');
  read.hardshipFiles = hardship.length;
  const fileIds = new Set(hardship.filter((h) => h.kind === 'file').map((h) => String(h.id)));
  for (const item of hardship) {
    if (item.kind === 'file' && !item.erasedAt && lastTimelineStatus(item) !== item.status) {
      flag('hardship-timeline', 'hardshipFiles', `id=${String(item.id)}`, `status ${String(item.status)}, timeline ends in ${String(lastTimelineStatus(item))}`);
    }
    if (item.kind === 'idclaim' && !fileIds.has(String(item.fileId))) {
      flag('hardship-claim', 'hardshipFiles', `id=${String(item.id).slice(0, 16)}…`, `claims file ${String(item.fileId)}, which does not exist`);
    }
  }

  return { violations, read };
}

/** The report staff read: one line per violation, then the totals. */
export function formatReport(report: DataReport): string {
  const lines = report.violations.map((v) => `✘ [${v.check}] ${v.table} ${v.key}: ${v.detail}`);
  const read = Object.entries(report.read).map(([t, n]) => `${t} ${n}`).join(', ');
  lines.push(report.violations.length === 0 ? `✔ no violations (read: ${read})` : `${report.violations.length} violation(s) (read: ${read})`);
  return lines.join('\n');
}
