import { View } from '@tarojs/components';
import { formatDistance, openStatus, openStatusLabel, ROUTE_DETOUR, WALK_KM_PER_HOUR, type LatLng, type NearbyStation, type OpenStatus } from '@yz/shared';
import Icon from '../Icon';
import { clusterPins, compassWord, project, ringMeters, viewRadiusMeters } from './position';
import './position-view.scss';

export interface StationMapProps {
  center: LatLng;
  /** What the centre is: 我的位置, or the centre of a city picked by hand. */
  centerLabel: string;
  /** The radius the rows were searched in, in metres. */
  radius: number;
  stations: NearbyStation[];
  now: Date;
  /** The stations whose rows show under the map (one pin, or every member of a tapped cluster). */
  selectedIds: string[];
  onSelect: (ids: string[]) => void;
}

/** Pins stay inside the circle: the edge of the view is drawn at this share of the half-width. */
const INSET = 0.9;
/** Pins nearer than this (in view units, 1 = the edge) merge into a count marker: about 26 px at 360 px wide. */
const CLUSTER_GAP = 0.15;
const STATES: OpenStatus['state'][] = ['open', 'closing_soon', 'closed', 'unknown'];
const STATE_WORDS: Record<OpenStatus['state'], string> = { open: '开放中', closing_soon: '即将关闭', closed: '已关闭', unknown: '时间未知' };

const percent = (unit: number) => `${50 + unit * 50 * INSET}%`;

/**
 * The browser's position view (位置). Taro's <Map> renders nothing in H5 (it would load a map script
 * from the internet), so this needs no tiles: the worker at the centre, each station placed by its
 * true bearing and distance, rings at 500 m, 15 minutes' walk and 1 km, pins coloured as the list's
 * open badges. Tapping a pin (or a count marker) shows its rows under the view. Plain DOM elements
 * (this file is the H5 build's only) give real buttons and labels to screen readers.
 * WeChat uses index.weapp.tsx.
 */
export default function StationMap({ center, centerLabel, radius, stations, now, selectedIds, onSelect }: StationMapProps) {
  const viewRadius = viewRadiusMeters(
    stations.map((s) => s.distanceMeters),
    radius,
  );
  const placed = new Map(stations.map((s) => [s.id, { station: s, status: openStatus(s, now), at: project(center, s.location, viewRadius) }]));
  const clusters = clusterPins(
    [...placed.values()].map(({ station, at }) => ({ id: station.id, x: at.x, y: at.y })),
    CLUSTER_GAP,
  );
  const selected = new Set(selectedIds);

  return (
    <View className='position-view' id='position-view'>
      <div className='position-view__square' role='group' aria-label={`驿站位置图：${centerLabel}在中心，显示 ${stations.length} 个驿站，图的边缘约 ${formatDistance(viewRadius)}`}>
        {ringMeters()
          .filter((ring) => ring.meters < viewRadius)
          .map((ring) => {
            const size = `${(ring.meters / viewRadius) * INSET * 100}%`;
            return (
              <div className={`position-view__ring position-view__ring--${ring.key}`} id={`ring-${ring.key}`} key={ring.key} style={{ width: size, height: size }} aria-hidden>
                <span className='position-view__ring-label'>{ring.label}</span>
              </div>
            );
          })}
        <span className='position-view__north' aria-hidden>
          北
        </span>
        <div className='position-view__me' id='position-me' role='img' aria-label={centerLabel} />
        {clusters.map((cluster) => {
          const members = cluster.ids.map((id) => placed.get(id)!);
          const single = members.length === 1 ? members[0]! : null;
          const on = cluster.ids.some((id) => selected.has(id));
          const label = single
            ? `${single.station.name}，${openStatusLabel(single.status, now)}，${compassWord(single.at.bearing)} ${formatDistance(single.at.meters)}`
            : `${members.length} 个驿站：${members.map((m) => m.station.name).join('、')}`;
          return (
            <button
              type='button'
              key={cluster.ids.join(',')}
              id={single ? `pin-${single.station.id}` : `cluster-${cluster.ids[0]}`}
              className={`position-view__pin ${single ? `position-view__pin--${single.status.state}` : 'position-view__pin--cluster'} ${on ? 'is-selected' : ''}`}
              style={{ left: percent(cluster.x), top: percent(cluster.y) }}
              aria-label={label}
              aria-pressed={on}
              onClick={() => onSelect(cluster.ids)}
            >
              {single ? <Icon name='pin' className='position-view__icon' /> : <span className='position-view__count'>{members.length}</span>}
            </button>
          );
        })}
      </div>
      <View className='position-view__legend' id='position-legend'>
        {STATES.map((state) => (
          <View className='position-view__key' key={state}>
            <View className={`position-view__dot position-view__dot--${state}`} />
            {STATE_WORDS[state]}
          </View>
        ))}
      </View>
      <View className='muted position-view__scale' id='position-scale'>
        图的边缘约 {formatDistance(viewRadius)}；步行按每小时 {WALK_KM_PER_HOUR} 公里、绕行 {ROUTE_DETOUR} 倍计。点按图上的驿站查看详情。
      </View>
    </View>
  );
}
