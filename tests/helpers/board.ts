import { shanghaiDate, type EventBody, type JobBody, type PostView, type Station } from '@yz/shared';
import { request } from './api';
// Not './stack': the jsdom board pages test imports this file, and the stack brings the AWS SDK.
import { makeStation } from './stations';

/** The `host` persona's station in 都昌县 and the `host-other` persona's in 琅琊区. */
export const STATION_A = 'amap-B0J3R71OZC';
export const STATION_B = 'demo-341102-01';
export const NEAR_A = { lat: 29.28, lng: 116.21 };

/** The two personas' stations, for a test to write: hosts post at them, workers near A find the posts. */
export function boardStations(): Station[] {
  return [
    makeStation({ id: STATION_A, district: { code: '360428', name: '都昌县' }, location: { lat: 29.2712, lng: 116.2015 } }),
    makeStation({ id: STATION_B, district: { code: '341102', name: '琅琊区' }, location: { lat: 32.3043, lng: 118.3165 } }),
  ];
}

const DAY_MS = 86_400_000;
/** A Shanghai date `days` from today. */
export const dayFromToday = (days: number) => shanghaiDate(new Date(Date.now() + days * DAY_MS));

export function boardJobBody(over: Partial<JobBody> = {}): JobBody {
  return {
    kind: 'job',
    employer: '琅琊物流园',
    work: '仓库分拣、装卸货，日结',
    place: { kind: 'station' },
    pay: { unit: 'day', minFen: 18_000, maxFen: 22_000 },
    dates: { kind: 'long_term' },
    headcount: 5,
    requirements: '身体健康，能吃苦',
    phone: '0550-3012345',
    ...over,
  };
}

export function boardEventBody(over: Partial<EventBody> = {}): EventBody {
  return {
    kind: 'event',
    title: '夏送清凉',
    category: 'cooling',
    when: { kind: 'once', date: dayFromToday(2), start: '09:00', end: '11:30' },
    gives: '毛巾、香皂、绿豆汤和藿香正气水',
    place: { kind: 'station' },
    capacity: null,
    ...over,
  };
}

/** POST a board post as a host or staff; throws unless 201. */
export async function createPost(url: string, token: string, stationId: string, body: JobBody | EventBody): Promise<PostView> {
  const res = await request<PostView>(url, 'POST', `/stations/${stationId}/board-posts`, { token, body });
  if (res.status !== 201) throw new Error(`posting answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Withdraws a post; returns its id. */
export async function withdrawn(url: string, token: string, id: string): Promise<string> {
  const res = await request(url, 'POST', `/board/posts/${id}/withdraw`, { token });
  if (res.status !== 200) throw new Error(`withdrawing answered ${res.status}: ${JSON.stringify(res.body)}`);
  return id;
}
