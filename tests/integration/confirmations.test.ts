import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  disagreementText,
  openStatus,
  workerDisagreement,
  type ApiErrorBody,
  type ConfirmationReceipt,
  type NearbyResponse,
  type Station,
} from '@yz/shared';
import { loginAs, loginWechat, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * Workers confirm what they see (issue 14): real handlers over HTTP on DynamoDB Local. A worker at the
 * station (300 m by position, or a QR scan in the last 2 hours) answers one-tap questions; the answers
 * change what the list says, by the rule in shared/src/confirmation.ts, and one person cannot flip it.
 */

// The host persona `host` keeps this station (its id is the one bound to the persona).
const HOSTED = 'amap-B0J3R71OZC';
const HERE = { lat: 29.2712, lng: 116.2015 };
/** About 250 m north of HERE, and about 350 m. */
const NEAR = { lat: HERE.lat + 0.00225, lng: HERE.lng };
const FAR = { lat: HERE.lat + 0.00315, lng: HERE.lng };

let stack: TestStack;
let people = 0;
/** A new person (a WeChat login of their own) and their token. */
async function person(): Promise<{ token: string; id: string }> {
  people += 1;
  const session = (await loginWechat(stack.url, `confirm-person-${people}.1`)).body;
  return { token: session.token, id: session.me.id };
}

let stationCount = 0;
/** A station of its own for a test, far from the others so their lists never mix, hours unknown. */
async function newStation(overrides: Partial<Station> = {}): Promise<Station> {
  stationCount += 1;
  const station = makeStation({ id: `conf-${stationCount}`, location: { lat: 30 + stationCount * 0.5, lng: 115 }, ...overrides });
  await putStations(stack, [station]);
  return station;
}

function confirm(token: string, station: Station | string, body: Record<string, unknown>) {
  const id = typeof station === 'string' ? station : station.id;
  const position = typeof station === 'string' ? undefined : (station.location ?? undefined);
  return request<ConfirmationReceipt & ApiErrorBody>(stack.url, 'POST', `/stations/${id}/confirmations`, {
    token,
    body: { deviceId: `device-${token.slice(-12).replace(/[^A-Za-z0-9]/g, 'x')}`, position, ...body },
  });
}

const nearby = async (at: { lat: number; lng: number }, query = '') =>
  (await request<NearbyResponse>(stack.url, 'GET', `/stations/nearby?lat=${at.lat}&lng=${at.lng}&radius=1000${query}`)).body;
const getStation = async (id: string) => (await request<Station>(stack.url, 'GET', `/stations/${id}`)).body;

beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe('a confirmation changes what the list says', () => {
  it('a worker at a station with unknown hours confirms it open: "open now" finds it, marked as confirmed', async () => {
    const station = await newStation();
    const at = station.location!;
    expect(openStatus(station).state).toBe('unknown');
    expect((await nearby(at, '&openNow=1')).items).toEqual([]);

    const worker = await person();
    const res = await confirm(worker.token, station, { question: 'open', answer: 'yes' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ question: 'open', answer: 'yes', presence: 'position', confirmations: { revision: 1, open: { state: 'open', people: 1 } } });

    const list = await nearby(at, '&openNow=1');
    expect(list.items.map((s) => s.id)).toEqual([station.id]);
    expect(list.items[0]!.confirmations?.open).toMatchObject({ state: 'open', people: 1 });
    const page = await getStation(station.id);
    expect(page.workerConfirmedAt).toBe(page.confirmations!.open!.at);
    // Nothing about who answered, anywhere.
    expect(JSON.stringify([res.body, list, page])).not.toContain(worker.id);
    // The district list reads the same summary.
    const district = (await request<{ items: Station[] }>(stack.url, 'GET', `/stations?districtCode=360428&openNow=1&q=${encodeURIComponent(station.name)}`)).body;
    expect(district.items.map((s) => s.id)).toEqual([station.id]);
  });

  it('a host edit made after a confirmation keeps the confirmation on the list row', async () => {
    await putStations(stack, [makeStation({ id: HOSTED, location: HERE })]);
    const worker = await person();
    expect((await confirm(worker.token, { ...(await getStation(HOSTED)) }, { question: 'open', answer: 'yes' })).status).toBe(201);
    const host = (await loginAs(stack.url, 'host')).token;
    const station = await getStation(HOSTED);
    const edited = await request<Station>(stack.url, 'PUT', `/stations/${HOSTED}/notice`, { token: host, body: { expectedVersion: station.version, notice: '今天有姜茶' } });
    expect(edited.status).toBe(200);
    const row = (await nearby(HERE, '&openNow=1')).items.find((s) => s.id === HOSTED);
    expect(row).toMatchObject({ notice: '今天有姜茶', confirmations: { open: { state: 'open' } } });
  });
});

describe('host edits and answers at the same moment', () => {
  it('neither loses the other: every host edit lands, and the list row carries every answer', async () => {
    await putStations(stack, [makeStation({ id: HOSTED, location: HERE })]);
    const host = (await loginAs(stack.url, 'host')).token;
    const workers = await Promise.all(Array.from({ length: 4 }, () => person()));
    const station = await getStation(HOSTED);
    const notices = ['姜茶', '热水', '雨伞', '充电'];
    // Each host edit is based on the version it reads; answers land in between, moving only the summary.
    const edits = (async () => {
      for (const notice of notices) {
        const current = await getStation(HOSTED);
        const res = await request<Station>(stack.url, 'PUT', `/stations/${HOSTED}/notice`, { token: host, body: { expectedVersion: current.version, notice } });
        expect(res.status).toBe(200);
      }
    })();
    const answers = Promise.all(workers.map((w) => confirm(w.token, station, { question: 'seating', answer: 'yes' })));
    const [, results] = await Promise.all([edits, answers]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const after = await getStation(HOSTED);
    expect(after.version).toBe(station.version + notices.length);
    expect(after.notice).toBe('充电');
    expect(after.confirmations?.amenities.seating).toMatchObject({ state: 'yes', yes: 4 });
    const row = (await nearby(HERE)).items.find((s) => s.id === HOSTED);
    expect(row).toMatchObject({ notice: '充电', confirmations: { revision: after.confirmations!.revision, amenities: { seating: { yes: 4 } } } });
  });
});

describe('the 300 m / QR rule', () => {
  it('refuses an answer from 350 m with its distance, takes one from 250 m', async () => {
    const station = await newStation({ location: HERE, id: 'conf-300m' });
    const worker = await person();
    const far = await confirm(worker.token, 'conf-300m', { question: 'open', answer: 'yes', position: FAR });
    expect(far.status).toBe(422);
    expect(far.body.code).toBe('TOO_FAR_FROM_STATION');
    expect(far.body.message).toBe('你离驿站还有 350 米，到驿站 300 米以内（或扫驿站的二维码）再来确认');
    const near = await confirm(worker.token, 'conf-300m', { question: 'open', answer: 'yes', position: NEAR });
    expect(near.status).toBe(201);
    expect(near.body.presence).toBe('position');
    expect((await getStation(station.id)).confirmations?.open?.state).toBe('open');
  });

  it('without a position, a QR scan in the last 2 hours shows presence; an older one does not', async () => {
    const station = await newStation();
    const worker = await person();
    const none = await confirm(worker.token, station.id, { question: 'open', answer: 'no' });
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ code: 'NOT_AT_STATION', message: '请在驿站现场确认：打开定位，或扫驿站的二维码' });

    expect((await request(stack.url, 'POST', `/stations/${station.id}/visits`, { token: worker.token })).status).toBe(200);
    const scanned = await confirm(worker.token, station.id, { question: 'open', answer: 'no' });
    expect(scanned.status).toBe(201);
    expect(scanned.body.presence).toBe('scan');

    // Far away, but scanned: the scan counts. A scan 2 hours and a minute ago does not.
    const other = await person();
    await stack.platform.db.doc.send(
      new PutCommand({
        TableName: stack.platform.db.table('visits'),
        Item: { pk: `scan#${station.id}#${other.id}`, sk: 'last', scannedAt: Date.now() - 2 * 3600_000 - 60_000 },
      }),
    );
    const stale = await confirm(other.token, station.id, { question: 'open', answer: 'no' });
    expect(stale.body.code).toBe('NOT_AT_STATION');
    expect((await request(stack.url, 'POST', `/stations/${station.id}/visits`, { token: other.token })).status).toBe(200);
    const farButScanned = await confirm(other.token, station.id, { question: 'open', answer: 'no', position: { lat: 31, lng: 121 } });
    expect(farButScanned.status).toBe(201);
    expect(farButScanned.body.presence).toBe('scan');
  });

  it('refuses strangers, unknown stations and answers that are not one of the two', async () => {
    const station = await newStation();
    expect((await request(stack.url, 'POST', `/stations/${station.id}/confirmations`, { body: { question: 'open', answer: 'yes', deviceId: 'device-anon1' } })).status).toBe(401);
    const worker = await person();
    expect((await confirm(worker.token, 'no-such-station', { question: 'open', answer: 'yes' })).status).toBe(404);
    const bad = await confirm(worker.token, station, { question: 'open', answer: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('回答“maybe”不在可选范围内，请重新选择');
    const noDevice = await request<ApiErrorBody>(stack.url, 'POST', `/stations/${station.id}/confirmations`, {
      token: worker.token,
      body: { question: 'open', answer: 'yes', position: station.location },
    });
    expect(noDevice.body).toMatchObject({ code: 'MISSING_PARAMETER', field: 'deviceId' });
  });
});

describe('one answer per person per station per question per 2 hours', () => {
  it('a second answer is refused, also when several are sent at once; another question is fine', async () => {
    const station = await newStation();
    const worker = await person();
    const burst = await Promise.all(Array.from({ length: 5 }, () => confirm(worker.token, station, { question: 'hot_water', answer: 'yes' })));
    expect(burst.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const again = burst.find((r) => r.status === 409)!;
    expect(again.body).toMatchObject({ code: 'ALREADY_CONFIRMED', message: '这个问题你 2 小时内已经回答过了，谢谢！' });
    const after = await getStation(station.id);
    expect(after.confirmations?.amenities.hot_water).toMatchObject({ yes: 1, no: 0, state: 'unknown' });
    expect((await confirm(worker.token, station, { question: 'toilet', answer: 'yes' })).status).toBe(201);
  });

  it('answers from many people at once are all folded in', async () => {
    const station = await newStation();
    const workers = await Promise.all(Array.from({ length: 6 }, () => person()));
    const results = await Promise.all(workers.map((w) => confirm(w.token, station, { question: 'hot_water', answer: 'yes' })));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const after = await getStation(station.id);
    expect(after.confirmations?.amenities.hot_water).toMatchObject({ state: 'yes', yes: 6, no: 0 });
    expect(after.confirmations?.revision).toBe(6);
  });
});

describe('amenity agreement', () => {
  it('one person cannot set or flip an amenity; two agreeing do; a conflict goes back to 不确定', async () => {
    const station = await newStation();
    const at = station.location!;
    const [a, b, troll, d, e] = await Promise.all(Array.from({ length: 5 }, () => person()));

    await confirm(a!.token, station, { question: 'hot_water', answer: 'yes' });
    let row = (await nearby(at)).items[0]!;
    expect(row.confirmations?.amenities.hot_water).toMatchObject({ state: 'unknown', yes: 1 });
    expect((await nearby(at, '&amenities=hot_water')).items).toEqual([]);

    await confirm(b!.token, station, { question: 'hot_water', answer: 'yes' });
    row = (await nearby(at, '&amenities=hot_water')).items[0]!;
    expect(row.id).toBe(station.id);
    expect(row.amenities.hot_water).toBe('unknown'); // the host's (here the list's) own setting is untouched
    expect(row.confirmations?.amenities.hot_water).toMatchObject({ state: 'yes', yes: 2, no: 0, disputed: false });

    // One person against two: still 有, and they cannot say it again within 2 hours.
    expect((await confirm(troll!.token, station, { question: 'hot_water', answer: 'no' })).status).toBe(201);
    expect((await confirm(troll!.token, station, { question: 'hot_water', answer: 'no' })).status).toBe(409);
    row = (await nearby(at, '&amenities=hot_water')).items[0]!;
    expect(row.confirmations?.amenities.hot_water).toMatchObject({ state: 'yes', yes: 2, no: 1 });

    // Two more say no: two against three, a real conflict: 不确定, disputed, the filter drops it.
    await confirm(d!.token, station, { question: 'hot_water', answer: 'no' });
    await confirm(e!.token, station, { question: 'hot_water', answer: 'no' });
    row = (await nearby(at)).items[0]!;
    expect(row.confirmations?.amenities.hot_water).toMatchObject({ state: 'unknown', yes: 2, no: 3, disputed: true });
    expect((await nearby(at, '&amenities=hot_water')).items).toEqual([]);
  });

  it('two people saying 没有 make it 没有', async () => {
    const station = await newStation();
    const [a, b] = await Promise.all([person(), person()]);
    await confirm(a.token, station, { question: 'microwave', answer: 'no' });
    await confirm(b.token, station, { question: 'microwave', answer: 'no' });
    expect((await getStation(station.id)).confirmations?.amenities.microwave).toMatchObject({ state: 'no', yes: 0, no: 2 });
  });

  it('one person alone cannot make a closed station look open for long: others outweigh them', async () => {
    const station = await newStation();
    const [a, b, troll] = await Promise.all([person(), person(), person()]);
    await confirm(a.token, station, { question: 'open', answer: 'no' });
    await confirm(b.token, station, { question: 'open', answer: 'no' });
    await confirm(troll.token, station, { question: 'open', answer: 'yes' });
    const summary = (await getStation(station.id)).confirmations!;
    expect(summary.open).toMatchObject({ state: 'closed', people: 2 });
    expect((await nearby(station.location!, '&openNow=1')).items).toEqual([]);
  });

  it('a person whose answers keep disagreeing with the others counts less', async () => {
    const troll = await person();
    for (let i = 0; i < 3; i += 1) {
      const station = await newStation();
      const [a, b] = await Promise.all([person(), person()]);
      await confirm(a.token, station, { question: 'toilet', answer: 'yes' });
      await confirm(b.token, station, { question: 'toilet', answer: 'yes' });
      await confirm(troll.token, station, { question: 'toilet', answer: 'no' });
    }
    // At full weight, the troll and one honest person agreeing would settle 有; the troll now counts
    // 0.4 (two free disagreements, then the share agreeing), so it takes a second honest person.
    const station = await newStation();
    const [a, b] = await Promise.all([person(), person()]);
    await confirm(troll.token, station, { question: 'wifi', answer: 'yes' });
    await confirm(a.token, station, { question: 'wifi', answer: 'yes' });
    expect((await getStation(station.id)).confirmations!.amenities.wifi).toMatchObject({ state: 'unknown', yes: 2, no: 0 });
    await confirm(b.token, station, { question: 'wifi', answer: 'yes' });
    expect((await getStation(station.id)).confirmations!.amenities.wifi).toMatchObject({ state: 'yes', yes: 3, no: 0 });
  });
});

describe('the host’s setting wins, and a disagreement is flagged', () => {
  it('workers agreeing against the host do not change what workers are told, but flag the station to host and staff', async () => {
    await putStations(stack, [makeStation({ id: HOSTED, location: HERE, amenities: { ...makeStation().amenities, hot_water: 'yes' } })]);
    const [a, b] = await Promise.all([person(), person()]);
    await confirm(a.token, { ...(await getStation(HOSTED)) }, { question: 'hot_water', answer: 'no' });
    await confirm(b.token, { ...(await getStation(HOSTED)) }, { question: 'hot_water', answer: 'no' });

    // The list still says 有 (the host's setting), and the amenity filter still finds it.
    const row = (await nearby(HERE, '&amenities=hot_water')).items.find((s) => s.id === HOSTED);
    expect(row?.amenities.hot_water).toBe('yes');
    expect(row?.confirmations?.amenities.hot_water).toMatchObject({ state: 'no', no: 2 });

    // Host and staff read the station and see the flag.
    const host = (await loginAs(stack.url, 'host')).token;
    const staff = (await loginAs(stack.url, 'district-staff')).token;
    for (const token of [host, staff]) {
      const station = (await request<Station>(stack.url, 'GET', `/stations/${HOSTED}`, { token })).body;
      const flag = workerDisagreement(station);
      expect(flag).toEqual({ amenities: ['hot_water'], hours: false });
      expect(disagreementText(flag!)).toBe('师傅反馈和登记的不一致：热水');
    }

    // The host corrects the setting: the flag is gone, and the workers' answers are still there.
    const current = await getStation(HOSTED);
    const fixed = await request<Station>(stack.url, 'PUT', `/stations/${HOSTED}/amenities`, {
      token: host,
      body: { expectedVersion: current.version, amenities: { ...current.amenities, hot_water: 'no' } },
    });
    expect(fixed.status).toBe(200);
    expect(workerDisagreement(fixed.body)).toBeNull();
    expect(fixed.body.confirmations?.amenities.hot_water?.no).toBe(2);
  });
});

describe('abuse', () => {
  it('limits answers per device across accounts, and per person', async () => {
    const station = await newStation();
    const [a, b] = await Promise.all([person(), person()]);
    const questions = ['open', 'hot_water', 'drinking_water', 'microwave', 'toilet', 'air_conditioning', 'seating', 'phone_charging', 'ebike_charging', 'first_aid', 'umbrella', 'reading_corner', 'wifi'];
    const shared = { deviceId: 'one-phone-many-accounts' };
    const statuses: number[] = [];
    for (const [i, question] of questions.entries()) {
      statuses.push((await confirm(i % 2 === 0 ? a.token : b.token, station, { question, answer: 'yes', ...shared })).status);
    }
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(201));
    expect(statuses[12]).toBe(429);

    const c = await person();
    const own: number[] = [];
    for (const [i, question] of questions.entries()) {
      own.push((await confirm(c.token, station, { question, answer: 'no', deviceId: `device-c-${i}` })).status);
    }
    expect(own.slice(0, 12)).toEqual(Array(12).fill(201));
    const refused = await confirm(c.token, station, { question: 'job_board', answer: 'no', deviceId: 'device-c-x' });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
  });
});

describe('the person’s own data', () => {
  it('lists their answers in their data export and deletes them with the account', async () => {
    const station = await newStation();
    const session = (await loginWechat(stack.url, 'confirm-export.1')).body.token;
    await confirm(session, station, { question: 'open', answer: 'yes' });
    const exported = await request<{ records: { stationConfirmations: unknown[] } }>(stack.url, 'GET', '/me/data', { token: session });
    expect(exported.body.records.stationConfirmations).toEqual([{ stationId: station.id, question: 'open', answer: 'yes', at: expect.any(String) }]);
    expect((await request(stack.url, 'DELETE', '/me', { token: session })).status).toBe(204);
    const again = (await loginWechat(stack.url, 'confirm-export.2')).body.token;
    const after = await request<{ records: { stationConfirmations: unknown[] } }>(stack.url, 'GET', '/me/data', { token: again });
    expect(after.body.records.stationConfirmations).toEqual([]);
  });
});
