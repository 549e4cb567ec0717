import type { LatLng } from './geo';

/**
 * Cities a worker can pick when location is off or unavailable: the search then starts from the
 * city centre (GCJ-02). The list starts with the places that have stations in the demo data.
 */
export interface City {
  name: string;
  /** GB/T 2260 code of the district the centre lies in. */
  districtCode: string;
  center: LatLng;
}

export const CITIES: City[] = [
  { name: '都昌', districtCode: '360428', center: { lat: 29.2731, lng: 116.2041 } },
  { name: '滁州', districtCode: '341102', center: { lat: 32.3043, lng: 118.3165 } },
  { name: '太原', districtCode: '140105', center: { lat: 37.7365, lng: 112.5652 } },
  { name: '北海', districtCode: '450502', center: { lat: 21.4813, lng: 109.1201 } },
  { name: '靖西', districtCode: '451081', center: { lat: 23.1343, lng: 106.4176 } },
  { name: '北京', districtCode: '110105', center: { lat: 39.9219, lng: 116.4436 } },
];
