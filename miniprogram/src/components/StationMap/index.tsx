import type { LatLng, NearbyStation } from '@yz/shared';

export interface StationMapProps {
  center: LatLng;
  stations: NearbyStation[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/**
 * Off WeChat there is no map: Taro's <Map> renders nothing in H5 (it would load a map script from the
 * internet), so the browser build shows the list alone. WeChat uses index.weapp.tsx.
 */
export default function StationMap(_props: StationMapProps) {
  return null;
}
