import { PostBody, shanghaiDate, type EventBody, type JobBody } from '@yz/shared';
import { boardService } from '@yz/functions/board';
import type { Platform } from '@yz/functions/platform';
import { AppError } from '@yz/functions/platform/errors';
import type { Principal } from '@yz/functions/platform/users';

/**
 * Demo notice-board posts for `npm start` on fresh tables: the job wall of Jingxi's 零工市场爱心驿站,
 * 夏送清凉 and a weekly breakfast in Langya, a health check in Duchang, a rider job in Beihai. They go
 * through the board's own rules (scam guard, dates), posted by each station's demo host or staff.
 */

const DAY = 86_400_000;
const day = (now: Date, days: number) => shanghaiDate(new Date(now.getTime() + days * DAY));

const poster = (userId: string): Principal => ({ userId, sessionId: 'demo-seed', roles: ['host'], staffScopes: [], hostStations: [], isAdmin: false });

/** Every demo post is held at its own station. */
const AT_STATION = { kind: 'station' } as const;
const job = (body: Omit<JobBody, 'kind' | 'place'>): JobBody => ({ kind: 'job', place: AT_STATION, ...body });
const event = (body: Omit<EventBody, 'kind' | 'place'>): EventBody => ({ kind: 'event', place: AT_STATION, ...body });

/** Each station's posts, posted by its demo host, or by the demo loader where the station has none. */
function demoBoard(now: Date): { stationId: string; by: string; posts: (JobBody | EventBody)[] }[] {
  return [
    {
      stationId: 'demo-451081-01',
      by: 'demo-loader',
      posts: [
        job({
          employer: '靖西市果蔬专业合作社',
          work: '沃柑采摘、装筐，早7点到下午5点，中午管饭',
          pay: { unit: 'day', minFen: 15_000, maxFen: 18_000 },
          dates: { kind: 'dates', from: day(now, 1), to: day(now, 14) },
          headcount: 20,
          requirements: '能干农活，自带手套',
          phone: '0776-6212345',
        }),
        job({
          employer: '靖西城区快递分拨点',
          work: '夜班分拣，晚8点到凌晨2点，日结，不收任何费用',
          pay: { unit: 'hour', minFen: 2_000, maxFen: null },
          dates: { kind: 'long_term' },
          headcount: 6,
          requirements: '',
          phone: '13877612345',
        }),
        event({
          title: '劳动维权法律咨询',
          category: 'legal',
          when: { kind: 'weekly', days: ['wed'], start: '14:00', end: '17:00', from: day(now, 0), until: day(now, 60) },
          gives: '律师现场解答欠薪、工伤、劳动合同问题，免费',
          capacity: null,
        }),
      ],
    },
    {
      stationId: 'demo-341102-01',
      by: 'demo-host-other',
      posts: [
        event({
          title: '夏送清凉',
          category: 'cooling',
          when: { kind: 'once', date: day(now, 2), start: '09:00', end: '11:30' },
          gives: '毛巾、香皂、绿豆汤和藿香正气水，每人一份',
          capacity: 50,
        }),
        event({
          title: '环卫工人爱心早餐',
          category: 'breakfast',
          when: { kind: 'weekly', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '06:00', end: '08:00', from: day(now, 0), until: day(now, 30) },
          gives: '包子、鸡蛋、豆浆，环卫和户外劳动者免费',
          capacity: null,
        }),
      ],
    },
    {
      stationId: 'amap-B0J3R71OZC',
      by: 'demo-host',
      posts: [
        event({
          title: '户外劳动者免费体检',
          category: 'health',
          when: { kind: 'once', date: day(now, 5), start: '08:30', end: '11:30' },
          gives: '血压、血糖、心电图，请空腹并带身份证',
          capacity: 30,
        }),
      ],
    },
    {
      stationId: 'demo-450502-01',
      by: 'demo-loader',
      posts: [
        job({
          employer: '海城区外卖配送站',
          work: '外卖骑手，片区配送，多劳多得，公司提供电动车',
          pay: { unit: 'piece', minFen: 500, maxFen: 800 },
          dates: { kind: 'long_term' },
          headcount: 10,
          requirements: '会骑电动车，熟悉海城区道路优先',
          phone: '0779-3212345',
        }),
      ],
    },
  ];
}

export function demoBoardPosts(now: Date): { stationId: string; by: string; body: JobBody | EventBody }[] {
  return demoBoard(now).flatMap(({ stationId, by, posts }) => posts.map((body) => ({ stationId, by, body })));
}

/** Posts the demo board; a station missing from the demo data is skipped. Returns how many went up. */
export async function seedDemoBoard(platform: Platform, now = new Date()): Promise<number> {
  const service = boardService(platform);
  let posted = 0;
  for (const post of demoBoardPosts(now)) {
    try {
      await service.create(poster(post.by), post.stationId, PostBody.parse(post.body), now);
      posted += 1;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'STATION_NOT_FOUND')) throw error;
    }
  }
  return posted;
}
