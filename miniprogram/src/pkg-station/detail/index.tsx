import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import {
  STATION_TYPE_LABELS,
  UNION_HOTLINE,
  UNION_HOTLINE_LABEL,
  WEEKDAYS,
  ageText,
  closureText,
  confirmedOpenAt,
  openEvidenceText,
  districtUnionPhone,
  WEEKDAY_LABELS,
  intervalsText,
  openStatus,
  shanghaiClock,
  todayHoursText,
  type OpeningHours,
  type Station,
  type Weekday,
} from '@yz/shared';
import AmenityGrid from '../../components/AmenityGrid';
import ConfirmQuestions from '../../components/ConfirmQuestions';
import Icon from '../../components/Icon';
import OpenBadge from '../../components/OpenBadge';
import ReportProblem from '../../components/ReportProblem';
import StateView from '../../components/StateView';
import StationBoard from '../../components/StationBoard';
import StationVisitsCard from '../../components/StationVisitsCard';
import WorkerFlag from '../../components/WorkerFlag';
import { useMe } from '../../hooks';
import { api, ApiError, errorMessage, mediaUrl } from '../../services/api';
import { navigateTo } from '../../services/navigation';
import { loadSession } from '../../services/session';
import './index.scss';

/** A station's page: is it open, what it has, how to get there, whom to call. */

type Phase = { kind: 'loading' } | { kind: 'ready'; station: Station } | { kind: 'missing' } | { kind: 'error'; message: string };

/** The station a page is for: `scene` when opened by scanning the station's code, else `id`. */
function stationIdOf(params: Record<string, string | undefined>): { id: string; scanned: boolean } {
  if (params.scene) {
    try {
      return { id: decodeURIComponent(params.scene), scanned: true };
    } catch {
      return { id: params.scene, scanned: true };
    }
  }
  return { id: params.id ?? '', scanned: false };
}

/** The week's hours as rows: seven identical days read as one "每天" row instead of seven repeats. */
function weekRows(weekly: OpeningHours['weekly']): { label: string; days: Weekday[]; text: string }[] {
  const rows = WEEKDAYS.map((day) => ({ label: WEEKDAY_LABELS[day], days: [day], text: intervalsText(weekly[day]) }));
  return rows.every((row) => row.text === rows[0]!.text) ? [{ label: '每天', days: [...WEEKDAYS], text: rows[0]!.text }] : rows;
}

export default function StationPage() {
  const router = useRouter();
  const { id, scanned } = stationIdOf(router.params);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [reporting, setReporting] = useState(false);
  const [visitNote, setVisitNote] = useState<string | null>(null);
  const { me } = useMe();

  // A scan of the station's code counts a visit. In WeChat the app signs in silently, so every scan
  // can count; in a browser only a signed-in person's does (the station opens either way).
  const countVisit = useCallback(async () => {
    if (process.env.TARO_ENV !== 'weapp' && !loadSession()) {
      setVisitNote('欢迎来到驿站！登录后扫码可计入到访人次');
      return;
    }
    try {
      const result = await api.recordVisit({ params: { id } });
      setVisitNote(result.counted ? '欢迎来到驿站！本次到访已记录' : '欢迎回来！4 小时内的到访只记一次');
    } catch {
      // counting is for the union's statistics; the worker still gets the station
    }
  }, [id]);

  const load = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      const station = await api.getStation({ params: { id } });
      setPhase({ kind: 'ready', station });
      void Taro.setNavigationBarTitle({ title: station.name.length > 12 ? '驿站详情' : station.name });
      if (scanned) void countVisit();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) setPhase({ kind: 'missing' });
      else setPhase({ kind: 'error', message: errorMessage(error) });
    }
  }, [id, scanned, countVisit]);

  useLoad(() => {
    void load();
  });

  if (phase.kind === 'loading') return <StateView kind='loading' title='正在加载驿站信息…' />;
  if (phase.kind === 'missing') {
    return (
      <StateView
        kind='empty'
        title='没有找到这个驿站'
        detail='它可能已经停用，或二维码有误'
        actionText='看看附近的驿站'
        onAction={() => void Taro.switchTab({ url: '/pages/stations/index' })}
      />
    );
  }
  if (phase.kind === 'error') return <StateView kind='error' title='没能加载驿站信息' detail={phase.message} actionText='重试' onAction={() => void load()} />;

  const { station } = phase;
  const now = new Date();
  const status = openStatus(station, now);
  const today = shanghaiClock(now);
  const union = districtUnionPhone(station.district.code);
  const upcoming = (station.hours?.exceptions ?? []).filter((e) => e.to >= today.date).slice(0, 3);
  const confirmedOpen = station.confirmations?.open ?? null;
  const confirmed = (confirmations: NonNullable<Station['confirmations']>) =>
    setPhase({ kind: 'ready', station: { ...station, confirmations, workerConfirmedAt: new Date().toISOString() } });

  const navigate = () => {
    if (station.location) navigateTo({ point: station.location, name: station.name, address: station.address });
  };

  const call = async () => {
    if (station.phones.length === 1) {
      void Taro.makePhoneCall({ phoneNumber: station.phones[0]! });
      return;
    }
    try {
      const picked = await Taro.showActionSheet({ itemList: station.phones });
      void Taro.makePhoneCall({ phoneNumber: station.phones[picked.tapIndex]! });
    } catch {
      // the sheet was dismissed
    }
  };

  // Its hosts, staff whose region holds it, and admins see its visits (the API checks the same).
  const keeps =
    me !== null &&
    (me.hostStations.includes(station.id) || me.staffScopes.some((scope) => station.district.code.startsWith(scope)) || me.isAdmin);

  return (
    <View className='page station-page' id='station-page'>
      {visitNote ? (
        <Text className='station-page__visit-note' id='visit-note'>
          {visitNote}
        </Text>
      ) : null}
      {station.photoUrl ? <Image className='station-page__photo' src={mediaUrl(station.photoUrl) ?? ''} mode='aspectFill' /> : null}
      <View className='card'>
        <Text className='station-page__name' id='station-name'>
          {station.name}
        </Text>
        <View className='station-page__status'>
          <OpenBadge status={status} now={now} confirmedOpen={confirmedOpenAt(station, now)} />
          <Text className='station-page__type'>{STATION_TYPE_LABELS[station.type]}</Text>
        </View>
        {status.closure ? <Text className='station-page__closure' id='station-closure'>{closureText(status.closure, now)}</Text> : null}
        {station.status === 'inactive' ? <Text className='station-page__closure'>这个驿站已停用</Text> : null}
        <Text className='station-page__address' id='station-address'>
          {station.address}
        </Text>
        {station.hostOrganisation ? <Text className='muted station-page__host'>主办：{station.hostOrganisation}</Text> : null}
        {keeps ? <WorkerFlag station={station} /> : null}
        <View className='station-page__actions'>
          {station.location ? (
            <Button className='btn station-page__action' id='navigate' onClick={navigate}>
              导航过去
            </Button>
          ) : null}
          {station.phones.length > 0 ? (
            <Button className='btn secondary station-page__action' id='call' onClick={() => void call()}>
              打电话
            </Button>
          ) : null}
        </View>
        {station.phones.length === 0 ? (
          // No number of its own: whom a worker can ask instead, each labelled as what it is.
          <View className='station-page__fallback-phones' id='fallback-phones'>
            <Text className='muted'>这个驿站还没有登记电话，可以问问：</Text>
            {union ? (
              <Text className='station-page__fallback' id='union-phone' onClick={() => void Taro.makePhoneCall({ phoneNumber: union.phone })}>
                {union.name}（不是驿站电话）：{union.phone}
              </Text>
            ) : null}
            <Text className='station-page__fallback' id='union-hotline' onClick={() => void Taro.makePhoneCall({ phoneNumber: UNION_HOTLINE })}>
              {UNION_HOTLINE_LABEL}：{UNION_HOTLINE}
            </Text>
          </View>
        ) : null}
      </View>

      {station.notice ? (
        <View className='card station-page__notice' id='station-notice'>
          <Icon name='notice' />
          <Text>{station.notice}</Text>
        </View>
      ) : null}

      <StationBoard stationId={station.id} stationName={station.name} keeps={keeps} />

      <View className='card'>
        <Text className='station-page__section'>开放时间</Text>
        {station.hours ? (
          <View>
            {/* Round the clock, the badge above already says 24 小时开放: the line would repeat it. */}
            {status.alwaysOpen ? null : (
              <Text className='station-page__today' id='today-hours'>
                {todayHoursText(status)}
              </Text>
            )}
            {weekRows(station.hours.weekly).map((row) => (
              <View className={`station-page__day ${row.days.includes(today.weekday) ? 'is-today' : ''}`} key={row.label}>
                <Text>{row.label}</Text>
                <Text>{row.text}</Text>
              </View>
            ))}
            {upcoming.map((e) => (
              <View className='station-page__exception' key={`${e.from}-${e.to}`}>
                <Text>
                  {e.from === e.to ? e.from : `${e.from} 至 ${e.to}`}
                  {e.reason ? `（${e.reason}）` : ''}
                </Text>
                <Text>{e.intervals.length === 0 ? '不开放' : intervalsText(e.intervals)}</Text>
              </View>
            ))}
          </View>
        ) : (
          <Text className='muted' id='today-hours'>
            {station.hoursNote ? `${station.hoursNote}（原文，未核实）` : station.phones.length > 0 ? '开放时间还没有登记，出发前可以先打电话问问' : '开放时间还没有登记'}
          </Text>
        )}
        {!station.hours && confirmedOpen ? (
          <Text className='evidence' id='confirm-evidence'>
            {openEvidenceText(confirmedOpen, now)}（{ageText(confirmedOpen.at, now)}）
          </Text>
        ) : null}
      </View>

      <View className='card'>
        <Text className='station-page__section'>服务设施</Text>
        <AmenityGrid station={station} />
      </View>

      {station.status === 'active' ? <ConfirmQuestions station={station} onConfirmed={confirmed} /> : null}

      {reporting ? (
        <ReportProblem stationId={station.id} onDone={() => setReporting(false)} />
      ) : (
        <Button className='btn secondary station-page__report' id='report-open' onClick={() => setReporting(true)}>
          信息不对？报告问题
        </Button>
      )}

      {keeps ? <StationVisitsCard stationId={station.id} /> : null}

      <Text className='station-page__verified muted'>
        {station.lastVerifiedAt ? `信息核实于 ${station.lastVerifiedAt.slice(0, 10)}` : '信息尚未经驿站负责人核实'} · 更新于 {station.updatedAt.slice(0, 10)}
      </Text>
      <Text className='station-page__verified muted' id='station-id'>
        驿站编号 {station.id}
      </Text>
    </View>
  );
}
