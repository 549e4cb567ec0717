import type { LatLng } from '@yz/shared';

/**
 * Cities with demo stations. Centres are GCJ-02 points near each district's centre; street names are
 * real streets of the district, so a demo looks like the place, but the demo stations themselves are
 * made up (their ids start with `demo-`). The one real list is Duchang's (duchang.ts).
 */
export interface DemoCity {
  /** City name as shown in the city picker. */
  city: string;
  district: { code: string; name: string };
  center: LatLng;
  streets: string[];
  /** Union body that hosts most stations here. */
  union: string;
}

export const DEMO_CITIES: DemoCity[] = [
  {
    city: '滁州',
    district: { code: '341102', name: '琅琊区' },
    center: { lat: 32.3043, lng: 118.3165 },
    streets: ['琅琊大道', '丰乐大道', '南谯北路', '龙蟠大道', '清流路', '紫薇北路', '醉翁路', '凤阳北路', '会峰路', '世纪大道'],
    union: '琅琊区总工会',
  },
  {
    city: '太原',
    district: { code: '140105', name: '小店区' },
    center: { lat: 37.7365, lng: 112.5652 },
    streets: ['长风街', '体育路', '平阳路', '坞城路', '学府街', '亲贤北街', '康宁街', '北营路', '并州南路', '龙城大街'],
    union: '小店区总工会',
  },
  {
    city: '北海',
    district: { code: '450502', name: '海城区' },
    center: { lat: 21.4813, lng: 109.1201 },
    streets: ['北部湾中路', '中山路', '长青路', '贵州路', '四川路', '海角路', '湖北路', '云南路', '西藏路', '广东路'],
    union: '海城区总工会',
  },
  {
    city: '靖西',
    district: { code: '451081', name: '靖西市' },
    center: { lat: 23.1343, lng: 106.4176 },
    streets: ['新靖大道', '城东路', '南环路', '鹅泉路', '城西路', '朝阳路', '龙潭路', '建设路'],
    union: '靖西市总工会',
  },
  {
    city: '北京',
    district: { code: '110105', name: '朝阳区' },
    center: { lat: 39.9219, lng: 116.4436 },
    streets: ['朝阳路', '建国路', '东三环中路', '光华路', '工体北路', '朝阳门外大街', '呼家楼路', '团结湖路', '金台路', '姚家园路'],
    union: '朝阳区总工会',
  },
];

/** Duchang county, Jiujiang, Jiangxi: the real list. */
export const DUCHANG = {
  city: '都昌',
  district: { code: '360428', name: '都昌县' },
  center: { lat: 29.2731, lng: 116.2041 },
};
