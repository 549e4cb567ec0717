import {
  AMENITIES,
  AMENITY_LABELS,
  insideChina,
  Phone,
  STATION_TYPE_LABELS,
  STATION_TYPES,
  type Amenity,
  type LatLng,
  type StationType,
} from '@yz/shared';

/** Reading the cells of a station list: phones, amenities, station types, coordinates. */

// ---------------------------------------------------------------------------------------------------
// Phones.

/**
 * Several phones in one cell: "0792-5222123、13907920000", "0792-5222123/5222124", "0792-5222123 13907920000".
 * A space splits only when every piece is a whole number on its own ("0792 5222123" is one number).
 */
export function parsePhones(cell: string): { phones: string[]; invalid: string[] } {
  const text = cell.normalize('NFKC').trim();
  if (text === '') return { phones: [], invalid: [] };
  const phones: string[] = [];
  const invalid: string[] = [];
  for (const chunk of text.split(/[,;、/|]+|\s*(?:或|及)\s*/)) {
    const part = chunk.trim();
    if (part === '') continue;
    const pieces = part.split(/\s+/);
    const wholeNumbers = pieces.length > 1 && pieces.every((p) => p.replace(/\D/g, '').length >= 7);
    for (const piece of wholeNumbers ? pieces : [part]) {
      const phone = piece.replace(/^(?:电话|手机|座机|tel)[:：]?/i, '').trim();
      if (Phone.safeParse(phone).success) {
        if (!phones.includes(phone)) phones.push(phone);
      } else invalid.push(piece);
    }
  }
  return { phones, invalid };
}

// ---------------------------------------------------------------------------------------------------
// Amenities.

const AMENITY_WORDS: Record<Amenity, string[]> = {
  hot_water: ['热水', '开水', '热水器', '烧水壶'],
  drinking_water: ['饮用水', '饮水', '饮水机', '直饮水', '茶水', '免费饮水'],
  microwave: ['微波炉', '加热', '热饭'],
  toilet: ['卫生间', '厕所', '洗手间', '公厕'],
  air_conditioning: ['空调暖气', '空调/暖气', '空调', '暖气', '空调暖气', '冷暖空调', '取暖', '降温'],
  seating: ['休息座椅', '座椅', '桌椅', '沙发', '休息区', '歇脚'],
  phone_charging: ['手机充电', '充电', '充电器', '充电宝', '充电线'],
  ebike_charging: ['电动车充电', '电瓶车充电', '电动自行车充电', '换电'],
  first_aid: ['医药箱', '药箱', '急救箱', '应急药箱', '常用药品', '药品'],
  umbrella: ['爱心雨伞', '雨伞', '借伞'],
  reading_corner: ['职工书屋', '书屋', '阅读角', '图书角', '书报', '图书'],
  wifi: ['无线网络', 'wifi', 'wi-fi', '无线网', '免费wifi'],
  job_board: ['招聘信息', '招聘', '就业信息', '就业服务'],
  legal_aid: ['法律咨询', '法律援助', '法律服务', '维权'],
  womens_care: ['女职工关爱', '女职工', '母婴室', '哺乳室', '妈咪小屋'],
};

const amenityKey = (word: string) => word.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const AMENITY_LOOKUP = new Map<string, Amenity>(
  AMENITIES.flatMap((a) => [...AMENITY_WORDS[a], AMENITY_LABELS[a], a].map((w) => [amenityKey(w), a] as const)),
);

/**
 * "热水、卫生间、手机充电、无微波炉": listed amenities are there; "无…" / "没有…" are not. Everything
 * not mentioned stays unknown, never "no".
 */
export function parseAmenities(cell: string): { yes: Amenity[]; no: Amenity[]; unknown: string[] } {
  const yes = new Set<Amenity>();
  const no = new Set<Amenity>();
  const unknown: string[] = [];
  for (const raw of cell.normalize('NFKC').split(/[,;、/|，；\s]+/)) {
    const word = amenityKey(raw);
    if (word === '') continue;
    const exact = AMENITY_LOOKUP.get(word);
    if (exact) {
      yes.add(exact);
      continue;
    }
    // 无线网络 is Wi-Fi (matched above); 无微波炉 is "no microwave".
    const negated = /^(?:无|没有|不提供|暂无)(.+)$/.exec(word);
    const missing = negated ? AMENITY_LOOKUP.get(negated[1]!) : undefined;
    if (missing) no.add(missing);
    else unknown.push(raw.trim());
  }
  for (const a of no) yes.delete(a);
  return { yes: [...yes], no: [...no], unknown };
}

/** The amenities cell export writes: the ones there, then "无…" for the ones known to be missing. */
export function amenitiesText(amenities: Record<Amenity, 'yes' | 'no' | 'unknown'>): string {
  // The first word of each amenity has no separator in it, so it reads back as one amenity.
  const label = (a: Amenity) => AMENITY_WORDS[a][0]!;
  const yes = AMENITIES.filter((a) => amenities[a] === 'yes').map(label);
  const no = AMENITIES.filter((a) => amenities[a] === 'no').map((a) => `无${label(a)}`);
  return [...yes, ...no].join('、');
}

// ---------------------------------------------------------------------------------------------------
// Station types.

/** A station's kind from its name, for lists without a type column. */
export function guessStationType(name: string): StationType {
  if (/银行|农行|工行|建行|信用社|支行/.test(name)) return 'bank';
  if (/加油站|石化|石油/.test(name)) return 'petrol_station';
  if (/警务|交警|派出所|岗亭/.test(name)) return 'police_booth';
  if (/环卫/.test(name)) return 'sanitation_depot';
  if (/社区|村/.test(name)) return 'community';
  if (/商场|广场|新天地|购物/.test(name)) return 'mall';
  if (/政府|服务中心|便民|大厅/.test(name)) return 'service_hall';
  if (/工会/.test(name)) return 'union_center';
  if (/公司|企业|物流|厂/.test(name)) return 'enterprise';
  return 'other';
}

const TYPE_WORDS: Record<StationType, string[]> = {
  union_center: ['工会', '工会驿站', '工会服务站', '职工服务中心'],
  community: ['社区', '村', '社区驿站', '党群服务中心'],
  enterprise: ['企业', '公司', '园区', '物流园'],
  mall: ['商场', '商业综合体', '购物中心'],
  service_hall: ['政务大厅', '便民服务中心', '政务服务中心', '大厅'],
  sanitation_depot: ['环卫', '环卫站', '环卫工作站'],
  police_booth: ['警务亭', '警务室', '交警岗亭', '岗亭'],
  petrol_station: ['加油站'],
  bank: ['银行', '银行网点', '网点', '信用社'],
  shop: ['商铺', '门店', '便利店', '商店', '超市'],
  other: ['其他', '其它'],
};

const TYPE_LOOKUP = new Map<string, StationType>(
  STATION_TYPES.flatMap((t) => [...TYPE_WORDS[t], STATION_TYPE_LABELS[t], t].map((w) => [amenityKey(w), t] as const)),
);

export function parseStationType(cell: string): StationType | null {
  return TYPE_LOOKUP.get(amenityKey(cell)) ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Coordinates.

export type CoordinateResult =
  | { kind: 'none' }
  | { kind: 'ok'; location: LatLng; note: string | null }
  | { kind: 'bad'; reason: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * Latitude and longitude cells (GCJ-02, as Chinese map platforms publish them). Both empty: no
 * location. Swapped columns are unambiguous inside China (latitudes are below 54, longitudes above
 * 73) and are put right with a note; anything else odd is refused with the reason.
 */
export function parseCoordinates(latCell: string, lngCell: string): CoordinateResult {
  const lat = latCell.normalize('NFKC').replace(/[°\s]/g, '');
  const lng = lngCell.normalize('NFKC').replace(/[°\s]/g, '');
  if (lat === '' && lng === '') return { kind: 'none' };
  if (lat === '' || lng === '') return { kind: 'bad', reason: lat === '' ? '只有经度没有纬度' : '只有纬度没有经度' };
  if (!NUMBER.test(lat) || !NUMBER.test(lng)) return { kind: 'bad', reason: `经纬度“${latCell.trim()}，${lngCell.trim()}”不是数字` };
  const p = { lat: Number(lat), lng: Number(lng) };
  if (p.lat === 0 && p.lng === 0) return { kind: 'bad', reason: '经纬度是 0，视为没有位置' };
  if (insideChina(p)) return { kind: 'ok', location: p, note: null };
  const swapped = { lat: p.lng, lng: p.lat };
  if (insideChina(swapped)) return { kind: 'ok', location: swapped, note: '经纬度两列填反了，已按纬度在前更正' };
  return { kind: 'bad', reason: `经纬度（${lat}，${lng}）不在中国境内` };
}

/** One "经纬度" cell: "116.2015,29.2712" (AMap writes longitude first) or the other way round. */
export function parseCoordinatePair(cell: string): CoordinateResult {
  const parts = cell.normalize('NFKC').split(/[,，\s]+/).filter((p) => p !== '');
  if (parts.length === 0) return { kind: 'none' };
  if (parts.length !== 2) return { kind: 'bad', reason: `经纬度“${cell.trim()}”应为两个数` };
  // Longitude first, as AMap and Tencent write it; swapped pairs are caught the same way as columns.
  const result = parseCoordinates(parts[1]!, parts[0]!);
  return result.kind === 'ok' ? { ...result, note: null } : result;
}
