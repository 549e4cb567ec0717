import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { isActiveWish, toShanghaiIso, VOLUNTEER_CONSENT_VERSION, WISH_TRANSITIONS, type HardshipOccupation, type WishAction, type WishCategory, type WishStatus } from '@yz/shared';
import type { Platform } from '@yz/functions/platform';
import { createPiiCipher } from '@yz/functions/platform/crypto';
import { movesFromPosting, withDerived } from '@yz/functions/wishes/lifecycle';
import { wishLabel } from '@yz/functions/wishes/service';
import { DynamoWishStore, quotaKey, type StoredTimelineEntry, type WishItem } from '@yz/functions/wishes/store';

/**
 * Demo micro-wishes for `npm start` on fresh tables, so the wish wall is not empty: several states in
 * 北海, 百色 and 南宁. The persona `hardship` (刘阿姨, user demo-hardship) owns two under the demo file
 * `hf_demo_liu` (created by the hardship files' demo loader); the others belong to demo file ids with
 * no account behind them. The persona `volunteer` is registered and holds one claim.
 */

const DAY = 86_400_000;
const VOLUNTEER = 'demo-volunteer';

interface DemoWish {
  id: string;
  ref: string;
  fileId: string;
  userId: string;
  districtCode: string;
  occupation: HardshipOccupation;
  title: string;
  story: string;
  category: WishCategory;
  valueFen: number;
  stationId?: string;
  /** Where it got to, and how many days ago it was posted. */
  status: WishStatus;
  postedDaysAgo: number;
  pickupCode?: string;
  thanks?: string;
}

export const DEMO_WISHES: DemoWish[] = [
  {
    id: 'w_demo_liu_cooker',
    ref: 'BH7Q3M',
    fileId: 'hf_demo_liu',
    userId: 'demo-hardship',
    districtCode: '450502',
    occupation: 'sanitation',
    title: '想要一个电饭煲',
    story: '家里的电饭煲用了十几年，最近总是煮不熟饭。每天清早四点半出门扫街，想给家里人煮口热饭。',
    category: 'appliance',
    valueFen: 19_900,
    stationId: 'demo-450502-01',
    status: 'open',
    postedDaysAgo: 3,
  },
  {
    id: 'w_demo_liu_coat',
    ref: 'BH4K8N',
    fileId: 'hf_demo_liu',
    userId: 'demo-hardship',
    districtCode: '450502',
    occupation: 'sanitation',
    title: '一件冬天穿的厚外套',
    story: '海边的冬天风大，早班的时候特别冷，想要一件厚实的外套。',
    category: 'clothing',
    valueFen: 25_000,
    status: 'thanked',
    postedDaysAgo: 40,
    thanks: '外套很暖和，谢谢好心人！',
  },
  {
    id: 'w_demo_beihai_skates',
    ref: 'BH9R2P',
    fileId: 'hf_demo_beihai_2',
    userId: 'demo-hardship-beihai-2',
    districtCode: '450502',
    occupation: 'food_delivery',
    title: '给女儿买一双轮滑鞋',
    story: '女儿十岁，一直想学轮滑，班里的同学都有，家里暂时买不起。',
    category: 'children_study',
    valueFen: 29_900,
    stationId: 'demo-450502-01',
    status: 'claimed',
    postedDaysAgo: 6,
    pickupCode: '372958',
  },
  {
    id: 'w_demo_beihai_bag',
    ref: 'BH3T6W',
    fileId: 'hf_demo_beihai_3',
    userId: 'demo-hardship-beihai-3',
    districtCode: '450503',
    occupation: 'courier',
    title: '孩子上学用的新书包',
    story: '儿子的书包背带断了好几次，缝了又断，想给他换个新书包。',
    category: 'children_study',
    valueFen: 12_000,
    status: 'pending_review',
    postedDaysAgo: 1,
  },
  {
    id: 'w_demo_baise_glasses',
    ref: 'BS5H2C',
    fileId: 'hf_demo_baise_1',
    userId: 'demo-hardship-baise-1',
    districtCode: '451081',
    occupation: 'builder',
    title: '配一副老花镜',
    story: '眼睛越来越花，工地上看图纸很吃力，想配一副合适的老花镜。',
    category: 'health',
    valueFen: 15_000,
    status: 'open',
    postedDaysAgo: 2,
  },
  {
    id: 'w_demo_baise_fan',
    ref: 'BS8D4F',
    fileId: 'hf_demo_baise_2',
    userId: 'demo-hardship-baise-2',
    districtCode: '451081',
    occupation: 'sanitation',
    title: '一台电风扇',
    story: '百色的夏天很热，出租屋里没有空调，想要一台电风扇。',
    category: 'appliance',
    valueFen: 16_900,
    stationId: 'demo-451081-01',
    status: 'delivered',
    postedDaysAgo: 9,
    pickupCode: '845273',
  },
  {
    id: 'w_demo_baise_milk',
    ref: 'BS2N7J',
    fileId: 'hf_demo_baise_1',
    userId: 'demo-hardship-baise-1',
    districtCode: '451081',
    occupation: 'builder',
    title: '给老人买几箱牛奶',
    story: '家里老人身体不好，医生让多补充营养。',
    category: 'daily_necessities',
    valueFen: 20_000,
    status: 'fulfilled',
    postedDaysAgo: 20,
  },
  {
    id: 'w_demo_nanning_desk',
    ref: 'NN6V3X',
    fileId: 'hf_demo_nanning_1',
    userId: 'demo-hardship-nanning-1',
    districtCode: '450102',
    occupation: 'ride_hailing',
    title: '一张孩子写作业的书桌',
    story: '孩子一直趴在床边写作业，想给他一张小书桌。',
    category: 'children_study',
    valueFen: 35_000,
    status: 'open',
    postedDaysAgo: 5,
  },
  {
    id: 'w_demo_nanning_shoes',
    ref: 'NN4G8Y',
    fileId: 'hf_demo_nanning_2',
    userId: 'demo-hardship-nanning-2',
    districtCode: '450103',
    occupation: 'domestic_worker',
    title: '一双防滑的工作鞋',
    story: '做家政经常要拖地，鞋底磨平了容易滑倒，想要一双防滑鞋。',
    category: 'clothing',
    valueFen: 18_000,
    status: 'thanked',
    postedDaysAgo: 30,
    thanks: '鞋子很合脚，干活踏实多了，谢谢你们！',
  },
];

/** Who the demo timeline says made a move: the first actor the state table allows. */
const byOf = (action: WishAction) => WISH_TRANSITIONS[action].by[0] ?? 'system';

export function demoWishItems(now: Date): WishItem[] {
  return DEMO_WISHES.map((d) => {
    const posted = new Date(now.getTime() - d.postedDaysAgo * DAY);
    // Each later move a share of the way from posting to now.
    const steps = movesFromPosting(d.status);
    const at = (i: number) => toShanghaiIso(new Date(posted.getTime() + ((i + 1) / (steps.length + 1)) * (now.getTime() - posted.getTime())));
    const timeline: StoredTimelineEntry[] = [{ at: toShanghaiIso(posted), action: 'post', from: null, to: 'pending_review', by: 'worker', actorId: d.userId }];
    let from: WishStatus = 'pending_review';
    steps.forEach((action, i) => {
      const to = WISH_TRANSITIONS[action].to;
      const by = byOf(action);
      timeline.push({ at: at(i), action, from, to, by, actorId: by === 'volunteer' ? VOLUNTEER : by === 'staff' ? 'demo-admin' : d.userId });
      from = to;
    });
    const when = (action: string) => timeline.find((e) => e.action === action)?.at;
    const claimedAt = when('claim');
    const item: WishItem = {
      id: d.id,
      ref: d.ref,
      userId: d.userId,
      fileId: d.fileId,
      districtCode: d.districtCode,
      cityCode: d.districtCode.slice(0, 4),
      provinceCode: d.districtCode.slice(0, 2),
      occupation: d.occupation,
      label: wishLabel({ occupation: d.occupation, cityCode: d.districtCode.slice(0, 4) }),
      title: d.title,
      story: d.story,
      category: d.category,
      valueFen: d.valueFen,
      handoverKind: d.stationId ? 'station' : 'staff',
      ...(d.stationId ? { stationId: d.stationId } : {}),
      status: d.status,
      version: timeline.length,
      postedAt: toShanghaiIso(posted),
      updatedAt: timeline[timeline.length - 1]?.at ?? toShanghaiIso(posted),
      statusKey: '',
      claimCount: claimedAt ? 1 : 0,
      lapsedCount: 0,
      timeline,
      ...(when('approve') ? { approvedAt: when('approve') } : {}),
      ...(claimedAt
        ? {
            claimantId: VOLUNTEER,
            claimedAt,
            claimDeadline: toShanghaiIso(new Date(new Date(claimedAt).getTime() + 14 * DAY)),
            ...(d.status === 'claimed' ? { dueAt: new Date(new Date(claimedAt).getTime() + 12 * DAY).toISOString() } : {}),
          }
        : {}),
      ...(d.pickupCode ? { pickupCode: d.pickupCode } : {}),
      ...(when('deliver') ? { deliveredAt: when('deliver'), deliveryNote: d.stationId ? '已送到驿站前台' : '已交给工会工作人员' } : {}),
      ...(when('confirm_received') ? { fulfilledAt: when('confirm_received') } : {}),
      ...(d.thanks ? { thanks: d.thanks } : {}),
    };
    return withDerived(item);
  });
}

/** Writes the demo wishes, the workers' counts of active wishes, and the demo volunteer's registration. */
export async function seedDemoWishes(platform: Platform, now = new Date()): Promise<number> {
  const { db, config } = platform;
  const items = demoWishItems(now);
  for (const item of items) await db.doc.send(new PutCommand({ TableName: db.table('wishes'), Item: item }));
  const active = new Map<string, number>();
  for (const item of items) if (isActiveWish(item.status)) active.set(item.userId, (active.get(item.userId) ?? 0) + 1);
  for (const [userId, open] of active) {
    await db.doc.send(new PutCommand({ TableName: db.table('wishes'), Item: { ...quotaKey(userId), kind: 'quota', open } }));
  }
  // Written around the lifecycle, so the wall's city counters are set from the wall itself.
  await new DynamoWishStore(db).recountWallCities();
  const cipher = createPiiCipher(config.pii);
  const at = toShanghaiIso(now);
  await db.doc.send(
    new PutCommand({
      TableName: db.table('volunteers'),
      Item: {
        userId: VOLUNTEER,
        nameMasked: '陈**',
        mobileMasked: '139****6688',
        organisation: '北海市青年志愿者协会',
        pii: await cipher.encrypt(JSON.stringify({ name: '陈爱华', mobile: '13900006688' }), { purpose: 'volunteer', userId: VOLUNTEER }),
        consentVersion: VOLUNTEER_CONSENT_VERSION,
        consentAt: at,
        registeredAt: at,
        updatedAt: at,
      },
    }),
  );
  return items.length;
}
