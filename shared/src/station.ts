import { enumField, IsoDateTime, numberField } from './fields';
import { insideChina, latField, lngField, LatLng } from './geo';
import { OpeningHours, TemporaryClosure } from './opening-hours';
import { District, DistrictCode } from './region';
import { PageCursor } from './page';
import './zod-config';
import * as z from 'zod';

/** 驿站: a rest station for outdoor workers. */

export const AMENITIES = [
  'hot_water',
  'drinking_water',
  'microwave',
  'toilet',
  'air_conditioning',
  'seating',
  'phone_charging',
  'ebike_charging',
  'first_aid',
  'umbrella',
  'reading_corner',
  'wifi',
  'job_board',
  'legal_aid',
  'womens_care',
] as const;
export type Amenity = (typeof AMENITIES)[number];

export const AMENITY_LABELS: Record<Amenity, string> = {
  hot_water: '热水',
  drinking_water: '饮用水',
  microwave: '微波炉',
  toilet: '卫生间',
  air_conditioning: '空调 / 暖气',
  seating: '休息座椅',
  phone_charging: '手机充电',
  ebike_charging: '电动车充电',
  first_aid: '医药箱',
  umbrella: '爱心雨伞',
  reading_corner: '职工书屋',
  wifi: '无线网络',
  job_board: '招聘信息',
  legal_aid: '法律咨询',
  womens_care: '女职工关爱',
};

/** Whether a station has an amenity. "unknown" is honest: nobody has checked, so never show it as "no". */
export const AmenityAvailability = z.enum(['yes', 'no', 'unknown']);
export type AmenityAvailability = z.infer<typeof AmenityAvailability>;

export const Amenities = z.object(
  Object.fromEntries(AMENITIES.map((a) => [a, AmenityAvailability])) as Record<Amenity, typeof AmenityAvailability>,
);
export type Amenities = z.infer<typeof Amenities>;

export function unknownAmenities(): Amenities {
  return Object.fromEntries(AMENITIES.map((a) => [a, 'unknown'])) as Amenities;
}

/**
 * What workers at the station said (师傅确认), folded by the rule in confirmation.ts and kept on the
 * station by the confirmations domain. Counts are of people, never who they were.
 */
export const WorkerAmenityState = z.object({
  /** The workers' verdict: 有 / 没有 only when answers agree (see `amenityVerdict`), else 不确定. */
  state: AmenityAvailability,
  /** People whose latest answer in the evidence window is 有 / 没有. */
  yes: z.number().int().min(0),
  no: z.number().int().min(0),
  /** Answers on both sides and no verdict: the question is asked again. */
  disputed: z.boolean(),
  /** The latest answer's time. */
  at: IsoDateTime,
});
export type WorkerAmenityState = z.infer<typeof WorkerAmenityState>;

export const ConfirmationSummary = z.object({
  /** Changes with every answer folded in: the station's conditional update keys on it. */
  revision: z.number().int().min(1),
  /** The latest 开着 / 关着 answer (the majority of the last two hours), its time and how many said so. */
  open: z
    .object({
      state: z.enum(['open', 'closed']),
      at: IsoDateTime,
      people: z.number().int().min(1),
    })
    .nullable(),
  amenities: z.partialRecord(z.enum(AMENITIES), WorkerAmenityState),
});
export type ConfirmationSummary = z.infer<typeof ConfirmationSummary>;

export const STATION_TYPES = [
  'union_center',
  'community',
  'enterprise',
  'mall',
  'service_hall',
  'sanitation_depot',
  'police_booth',
  'petrol_station',
  'bank',
  'shop',
  'other',
] as const;
export type StationType = (typeof STATION_TYPES)[number];

export const STATION_TYPE_LABELS: Record<StationType, string> = {
  union_center: '工会服务站',
  community: '社区',
  enterprise: '企业',
  mall: '商场',
  service_hall: '服务大厅',
  sanitation_depot: '环卫站点',
  police_booth: '警务亭',
  petrol_station: '加油站',
  bank: '银行网点',
  shop: '商铺门店',
  other: '其他',
};

/**
 * active: on the map. needs_location: imported without coordinates, kept off the map until located.
 * inactive: deactivated by staff; off the map, history kept.
 */
export const StationStatus = z.enum(['active', 'needs_location', 'inactive']);
export type StationStatus = z.infer<typeof StationStatus>;

export const StationId = z.string().regex(/^[A-Za-z0-9_-]{3,64}$/, { error: '驿站编号格式不正确' });

export const Phone = z.string().regex(/^[0-9+\-() 转]{5,30}$/, { error: '电话号码格式不正确' });

export const Station = z.object({
  id: StationId,
  name: z.string().min(1).max(60),
  address: z.string().min(1).max(120),
  district: District,
  /** GCJ-02; null only while status is needs_location. */
  location: LatLng.nullable(),
  type: z.enum(STATION_TYPES),
  amenities: Amenities,
  /** Null when nobody has told us the hours yet. */
  hours: OpeningHours.nullable(),
  /** Hours as written in a source list when they could not be parsed ("工作日开放"): shown, never guessed. */
  hoursNote: z.string().max(200).nullable(),
  closure: TemporaryClosure.nullable(),
  phones: z.array(Phone).max(5),
  hostOrganisation: z.string().max(80).nullable(),
  notice: z.string().max(120).nullable(),
  photoUrl: z.string().max(500).nullable(),
  status: StationStatus,
  /** When a host last confirmed that everything shown is still right. */
  lastVerifiedAt: IsoDateTime.nullable(),
  /**
   * Workers' confirmations (confirmations domain); absent until the first. Never part of a host's or
   * staff's write: the station writes leave it as it is (stations/store.ts).
   */
  confirmations: ConfirmationSummary.nullable().optional(),
  /** The latest worker confirmation of any kind (data health's "verified in the last 30 / 90 days"). */
  workerConfirmedAt: IsoDateTime.nullable().optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** Incremented on every write; a write based on an older version is refused. */
  version: z.number().int().min(1),
});
export type Station = z.infer<typeof Station>;

/**
 * A station as first written: what its creator knows, and nothing yet said about its amenities, hours,
 * closure, phones, host organisation, notice or photo. A caller that knows more spreads it over this.
 */
export function newStation(known: Pick<Station, 'id' | 'name' | 'address' | 'district' | 'location' | 'type' | 'status'>, now: string): Station {
  return {
    id: known.id,
    name: known.name,
    address: known.address,
    district: known.district,
    location: known.location,
    type: known.type,
    amenities: unknownAmenities(),
    hours: null,
    hoursNote: null,
    closure: null,
    phones: [],
    hostOrganisation: null,
    notice: null,
    photoUrl: null,
    status: known.status,
    lastVerifiedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/** A row in the nearby list: the station plus how far it is from the asker. */
export const NearbyStation = Station.pick({
  id: true,
  name: true,
  address: true,
  district: true,
  type: true,
  amenities: true,
  hours: true,
  hoursNote: true,
  closure: true,
  phones: true,
  notice: true,
  updatedAt: true,
}).extend({
  /**
   * Workers' confirmations: the evidence a row shows ("今天 10:20 有师傅确认开着"), null until the first
   * (and in rows stored or cached before confirmations existed).
   */
  confirmations: ConfirmationSummary.nullable().default(null),
  location: LatLng,
  distanceMeters: z.number().int().min(0),
});
export type NearbyStation = z.infer<typeof NearbyStation>;

export const NEARBY_DEFAULT_RADIUS = 3000;
export const NEARBY_MAX_RADIUS = 20_000;
export const NEARBY_DEFAULT_LIMIT = 20;
export const NEARBY_MAX_LIMIT = 50;
/** Longer keywords are almost always pasted addresses; a station's name is rarely over 20 characters. */
export const KEYWORD_MAX_LENGTH = 20;

/**
 * A comma-separated list of values from a fixed set (`amenities=hot_water,toilet`). Repeated query
 * parameters arrive joined with commas too (API Gateway and the local server both do that). An unknown
 * value is refused with its own code, so the app can say exactly which choice is wrong.
 */
function choiceList<const T extends readonly [string, ...string[]]>(label: string, values: T, code: string, labels: Record<T[number], string>) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter((v) => v !== '') : value),
    z
      .array(z.string({ error: `${label}格式不正确` }), { error: `${label}格式不正确` })
      .max(values.length, { error: `${label}选得太多了` })
      .superRefine((list, ctx) => {
        for (const item of list) {
          if (!(values as readonly string[]).includes(item)) {
            ctx.addIssue({
              code: 'custom',
              message: `没有“${item}”这个${label}，请从${values.slice(0, 3).map((v) => (labels as Record<string, string>)[v]).join('、')}等选项中选择`,
              params: { apiCode: code },
            });
          }
        }
      })
      .transform((list) => [...new Set(list)] as T[number][]),
  );
}

const flagField = (label: string) =>
  z.preprocess(
    (value) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value),
    z.boolean({ error: `${label}只能是 true 或 false` }),
  );

const keywordField = z
  .string({ error: '关键词必须是文字' })
  .trim()
  .superRefine((text, ctx) => {
    if ([...text].length > KEYWORD_MAX_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        message: `关键词最多 ${KEYWORD_MAX_LENGTH} 个字，请只输入驿站名称或街道名称中的几个字`,
        params: { apiCode: 'KEYWORD_TOO_LONG' },
      });
    }
  });

/** The filters a worker can combine: every amenity asked for must be there ("yes"), open now, type, keyword. */
export const StationFilters = z.object({
  amenities: choiceList('设施', AMENITIES, 'UNKNOWN_AMENITY', AMENITY_LABELS).optional(),
  type: choiceList('驿站类型', STATION_TYPES, 'UNKNOWN_STATION_TYPE', STATION_TYPE_LABELS).optional(),
  openNow: flagField('“现在开放”').optional(),
  /** Part of the name or address (驿站名称、街道); matched after folding width, case and spaces. */
  q: keywordField.optional(),
});
export type StationFilters = z.infer<typeof StationFilters>;

export const NearbyQuery = z
  .object({
    lat: latField,
    lng: lngField,
    radius: numberField('搜索半径（米）', { min: 1, max: NEARBY_MAX_RADIUS })
      .optional()
      .default(NEARBY_DEFAULT_RADIUS),
    limit: numberField('返回数量', { min: 1, max: NEARBY_MAX_LIMIT, int: true }).optional().default(NEARBY_DEFAULT_LIMIT),
    /**
     * Where the point comes from: the phone's location (`device`, the default) or a city picked by hand
     * (`city`). Only searches from where workers really are count towards coverage (搜索热度).
     */
    locatedBy: enumField('定位方式', ['device', 'city']).optional().default('device'),
  })
  .extend(StationFilters.shape)
  .superRefine((query, ctx) => {
    if (!insideChina(query)) {
      ctx.addIssue({
        code: 'custom',
        path: ['lat'],
        message: '这个位置不在服务范围内（仅限中国境内），请重新定位或选择城市',
        params: { apiCode: 'OUT_OF_SERVICE_AREA' },
      });
    }
  });
export type NearbyQuery = z.infer<typeof NearbyQuery>;

/** A filter a worker could drop, and how many more stations within the radius would then show. */
export const RelaxHint = z.object({
  /** `openNow`, `type`, `q`, or `amenity:<name>` for one of the amenities asked for. */
  filter: z.string(),
  count: z.number().int().min(1),
});
export type RelaxHint = z.infer<typeof RelaxHint>;

export const NearbyResponse = z.object({
  items: z.array(NearbyStation),
  /** The radius actually searched, in metres. */
  radius: z.number(),
  /**
   * When filters left fewer than `limit` stations: for each filter, how many stations within the
   * radius fail only that one filter. Lets the app say "去掉「现在开放」可以再找到 3 个".
   */
  relax: z.array(RelaxHint),
});
export type NearbyResponse = z.infer<typeof NearbyResponse>;

/** A row of a district's list: like a nearby row, without a distance, and maybe not yet located. */
export const StationSummary = NearbyStation.omit({ distanceMeters: true, location: true }).extend({ location: LatLng.nullable() });
export type StationSummary = z.infer<typeof StationSummary>;

export const DISTRICT_PAGE_DEFAULT = 20;

/** Browse a district (按区县浏览), by name, with the same filters as the nearby search. */
export const DistrictStationsQuery = z
  .object({
    districtCode: DistrictCode,
    limit: numberField('每页数量', { min: 1, max: NEARBY_MAX_LIMIT, int: true }).optional().default(DISTRICT_PAGE_DEFAULT),
    cursor: PageCursor.optional(),
  })
  .extend(StationFilters.shape);
export type DistrictStationsQuery = z.infer<typeof DistrictStationsQuery>;

export const DistrictStationsPage = z.object({
  items: z.array(StationSummary),
  nextCursor: z.string().nullable(),
});
export type DistrictStationsPage = z.infer<typeof DistrictStationsPage>;

export const StationParams = z.object({ id: StationId });

/** What station routes answer with, beyond the common codes (the last four name a query's own check). */
export const StationErrorCode = {
  STATION_NOT_FOUND: 'STATION_NOT_FOUND',
  STATION_VERSION_CONFLICT: 'STATION_VERSION_CONFLICT',
  STATION_DUPLICATE: 'STATION_DUPLICATE',
  STATION_ID_TAKEN: 'STATION_ID_TAKEN',
  DISTRICT_UNKNOWN: 'DISTRICT_UNKNOWN',
  REGION_NOT_FOUND: 'REGION_NOT_FOUND',
  CLOSURE_UNTIL_PAST: 'CLOSURE_UNTIL_PAST',
  NOT_CLOSED: 'NOT_CLOSED',
  ALREADY_INACTIVE: 'ALREADY_INACTIVE',
  NOT_INACTIVE: 'NOT_INACTIVE',
  PHOTO_TYPE_UNSUPPORTED: 'PHOTO_TYPE_UNSUPPORTED',
  PHOTO_TOO_LARGE: 'PHOTO_TOO_LARGE',
  OUT_OF_SERVICE_AREA: 'OUT_OF_SERVICE_AREA',
  UNKNOWN_AMENITY: 'UNKNOWN_AMENITY',
  UNKNOWN_STATION_TYPE: 'UNKNOWN_STATION_TYPE',
  KEYWORD_TOO_LONG: 'KEYWORD_TOO_LONG',
} as const;
