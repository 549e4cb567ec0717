import { Button, Image, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import {
  AMENITIES,
  AMENITY_LABELS,
  intervalsText,
  openStatus,
  PHOTO_MAX_BYTES,
  shanghaiClock,
  WEEKDAYS,
  WEEKDAY_LABELS,
  type Amenities,
  type AmenityAvailability,
  type Station,
  shortTime,
} from '@yz/shared';
import OpenBadge from '../../components/OpenBadge';
import StateView from '../../components/StateView';
import WorkerFlag from '../../components/WorkerFlag';
import { api, mediaUrl, uploadFile } from '../../services/api';
import { useEditableStation, type SaveOutcome } from '../../use-editable-station';
import '../host.scss';

/**
 * 驿站维护: everything a host keeps true, a section at a time, each saved on its own: a temporary
 * closure, the hours (on their own page), the notice, amenities, phones, the photo, and the one-tap
 * "信息无误" that tells workers the details were checked.
 */

const CHOICES: [AmenityAvailability, string][] = [
  ['yes', '有'],
  ['no', '没有'],
  ['unknown', '不确定'],
];

function Problem({ outcome, id }: { outcome: SaveOutcome | undefined; id: string }) {
  return outcome?.error ? (
    <Text className='host__error' id={id}>
      {outcome.error.message}
    </Text>
  ) : null;
}

export default function StationEditorPage() {
  const id = useRouter().params.id ?? '';
  const { station, phase, saving, reload, save } = useEditableStation(id);
  const [outcomes, setOutcomes] = useState<Record<string, SaveOutcome>>({});
  const [reason, setReason] = useState('');
  const [untilDate, setUntilDate] = useState('');
  const [untilTime, setUntilTime] = useState('09:00');
  const [notice, setNotice] = useState('');
  const [amenities, setAmenities] = useState<Amenities | null>(null);
  const [phones, setPhones] = useState<string[]>([]);

  // The form fields follow the station whenever a newer version arrives (a save, a reload, a conflict).
  useEffect(() => {
    if (!station) return;
    setNotice(station.notice ?? '');
    setAmenities(station.amenities);
    setPhones(station.phones.length > 0 ? station.phones : ['']);
  }, [station?.version, station?.id]);

  if (phase.kind === 'loading' || (phase.kind === 'ready' && !station)) return <StateView kind='loading' title='正在加载驿站信息…' />;
  if (phase.kind === 'missing') return <StateView kind='empty' title='没有找到这个驿站' />;
  if (phase.kind === 'error') return <StateView kind='error' title='没能加载驿站信息' detail={phase.message} actionText='重试' onAction={() => void reload()} />;
  const s = station as Station;
  const now = new Date();
  const status = openStatus(s, now);

  const run = async (section: string, fields: Parameters<typeof save>[1], send: Parameters<typeof save>[2]): Promise<SaveOutcome> => {
    // WeChat still delivers taps on a disabled button: one save at a time is enforced here.
    if (saving !== null) return { ok: false };
    const outcome = await save(section, fields, send);
    setOutcomes((o) => ({ ...o, [section]: outcome }));
    return outcome;
  };

  const closeStation = async () => {
    if (reason.trim() === '') return;
    const until = untilDate ? `${untilDate}T${untilTime}:00+08:00` : null;
    const outcome = await run('closure', ['closure'], (expectedVersion) =>
      api.closeStation({ params: { id }, body: { expectedVersion, reason: reason.trim(), until } }),
    );
    if (outcome.ok) {
      setReason('');
      setUntilDate('');
    }
  };

  const choosePhoto = async () => {
    let file: { path: string; size: number };
    try {
      if (process.env.TARO_ENV === 'weapp') {
        const picked = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] });
        file = { path: picked.tempFiles[0]!.tempFilePath, size: picked.tempFiles[0]!.size };
      } else {
        const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] });
        file = { path: picked.tempFilePaths[0]!, size: picked.tempFiles[0]?.size ?? 0 };
      }
    } catch {
      return; // the person closed the picker
    }
    if (file.size > PHOTO_MAX_BYTES) {
      setOutcomes((o) => ({ ...o, photo: { ok: false, error: { message: '照片超过 2 MB，请选一张小一些的照片' } } }));
      return;
    }
    await run('photo', ['photoUrl'], (expectedVersion) => uploadFile('uploadStationPhoto', { params: { id }, query: { expectedVersion } }, file.path));
  };

  const today = shanghaiClock(now).date;
  return (
    <View className='page host' id='station-editor'>
      <View className='card'>
        <Text className='host__title' id='editor-name'>
          {s.name}
        </Text>
        <View className='host__row'>
          <OpenBadge status={status} now={now} />
          {s.status === 'inactive' ? <Text className='chip'>已停用（不在地图上）</Text> : null}
          {s.status === 'needs_location' ? <Text className='chip'>待定位（不在地图上）</Text> : null}
        </View>
        <Text className='host__meta' id='last-verified'>
          {s.lastVerifiedAt ? `上次确认信息无误：${shortTime(s.lastVerifiedAt)}` : '还没有确认过信息'} · 第 {s.version} 版
        </Text>
        <WorkerFlag station={s} />
        <Button
          className='btn host__verify'
          id='verify'
          disabled={saving !== null}
          onClick={() => void run('verify', ['lastVerifiedAt'], (expectedVersion) => api.verifyStation({ params: { id }, body: { expectedVersion } }))}
        >
          {saving === 'verify' ? '正在确认…' : '信息无误'}
        </Button>
        <Text className='host__hint'>核对下面的信息都正确后点一下，劳动者会看到“信息核实于今天”。</Text>
        <Problem outcome={outcomes.verify} id='verify-error' />
      </View>

      <View className='card' id='closure-section'>
        <Text className='host__section'>临时暂停开放</Text>
        {s.closure ? (
          <View>
            <View className='host__closure' id='closure-now'>
              暂停开放中：{s.closure.reason}
              {s.closure.until ? `，预计 ${shortTime(s.closure.until)} 恢复` : '，恢复时间待定'}
            </View>
            <Button
              className='btn'
              id='reopen'
              disabled={saving !== null}
              onClick={() => void run('closure', ['closure'], (expectedVersion) => api.reopenStation({ params: { id }, body: { expectedVersion } }))}
            >
              {saving === 'closure' ? '正在保存…' : '恢复开放'}
            </Button>
          </View>
        ) : (
          <View>
            <Text className='host__hint'>停水停电、装修、人手不够时先暂停，地图上会显示“暂停开放”，免得劳动者白跑一趟。</Text>
            <Input className='host__input' id='closure-reason' value={reason} maxlength={60} placeholder='暂停原因，如：水管检修' onInput={(e) => setReason(e.detail.value)} />
            <View className='host__row'>
              <Picker mode='date' value={untilDate || today} start={today} onChange={(e) => setUntilDate(String(e.detail.value))}>
                <View className='host__picker' id='closure-until-date'>
                  {untilDate ? `预计 ${untilDate}` : '预计恢复日期（可不填）'}
                </View>
              </Picker>
              {untilDate ? (
                <Picker mode='time' value={untilTime} onChange={(e) => setUntilTime(String(e.detail.value))}>
                  <View className='host__picker' id='closure-until-time'>
                    {untilTime}
                  </View>
                </Picker>
              ) : null}
            </View>
            <Problem outcome={outcomes.closure} id='closure-error' />
            <Button className='btn' id='close-station' disabled={saving !== null || reason.trim() === ''} onClick={() => void closeStation()}>
              {saving === 'closure' ? '正在保存…' : '暂停开放'}
            </Button>
          </View>
        )}
      </View>

      <View className='card' id='hours-section'>
        <Text className='host__section'>开放时间</Text>
        {s.hours ? (
          WEEKDAYS.map((day) => (
            <View className='host__amenity' key={day}>
              <Text>{WEEKDAY_LABELS[day]}</Text>
              <Text>{intervalsText(s.hours!.weekly[day])}</Text>
            </View>
          ))
        ) : (
          <Text className='host__hint'>{s.hoursNote ? `名单上写的是“${s.hoursNote}”，请按实际填写。` : '还没有登记开放时间。'}</Text>
        )}
        {s.hours && s.hours.exceptions.length > 0 ? <Text className='host__meta'>另有 {s.hours.exceptions.length} 条特殊日期</Text> : null}
        <Button className='btn secondary host__verify' id='edit-hours' onClick={() => void Taro.navigateTo({ url: `/pkg-host/hours/index?id=${id}` })}>
          修改开放时间
        </Button>
      </View>

      <View className='card' id='notice-section'>
        <Text className='host__section'>公告</Text>
        <Textarea className='host__textarea' id='notice-input' value={notice} maxlength={120} placeholder='如：今天供应姜茶；周末暂停开放' onInput={(e) => setNotice(e.detail.value)} />
        <Problem outcome={outcomes.notice} id='notice-error' />
        <Button
          className='btn'
          id='save-notice'
          disabled={saving !== null || notice.trim() === (s.notice ?? '')}
          onClick={() => void run('notice', ['notice'], (expectedVersion) => api.updateStationNotice({ params: { id }, body: { expectedVersion, notice: notice.trim() === '' ? null : notice.trim() } }))}
        >
          {saving === 'notice' ? '正在保存…' : notice.trim() === '' && s.notice ? '清除公告' : '保存公告'}
        </Button>
      </View>

      {amenities ? (
        <View className='card' id='amenities-section'>
          <Text className='host__section'>服务设施</Text>
          <Text className='host__hint'>不确定的就选“不确定”，劳动者会看到“待确认”，而不是“没有”。</Text>
          {AMENITIES.map((a) => (
            <View className='host__amenity' key={a}>
              <Text>{AMENITY_LABELS[a]}</Text>
              <View className='host__chips'>
                {CHOICES.map(([value, label]) => (
                  <View
                    key={value}
                    id={`amenity-${a}-${value}`}
                    className={`host__choice ${amenities[a] === value ? 'is-on' : ''}`}
                    onClick={() => setAmenities({ ...amenities, [a]: value })}
                  >
                    {label}
                  </View>
                ))}
              </View>
            </View>
          ))}
          <Problem outcome={outcomes.amenities} id='amenities-error' />
          <Button
            className='btn host__verify'
            id='save-amenities'
            disabled={saving !== null}
            onClick={() => void run('amenities', ['amenities'], (expectedVersion) => api.updateStationAmenities({ params: { id }, body: { expectedVersion, amenities } }))}
          >
            {saving === 'amenities' ? '正在保存…' : '保存服务设施'}
          </Button>
        </View>
      ) : null}

      <View className='card' id='phones-section'>
        <Text className='host__section'>联系电话</Text>
        {phones.map((phone, i) => (
          <View className='host__row' key={i}>
            <Input
              className='host__input host__grow'
              id={`phone-${i}`}
              type='text'
              value={phone}
              maxlength={30}
              placeholder='如 0792-5222123'
              onInput={(e) => setPhones(phones.map((p, j) => (j === i ? e.detail.value : p)))}
            />
            {phones.length > 1 ? (
              <Text className='host__remove' id={`remove-phone-${i}`} onClick={() => setPhones(phones.filter((_, j) => j !== i))}>
                删除
              </Text>
            ) : null}
          </View>
        ))}
        {phones.length < 5 ? (
          <Button className='btn secondary small host__small' id='add-phone' onClick={() => setPhones([...phones, ''])}>
            + 再加一个电话
          </Button>
        ) : null}
        <Problem outcome={outcomes.phones} id='phones-error' />
        <Button
          className='btn host__verify'
          id='save-phones'
          disabled={saving !== null}
          onClick={() =>
            void run('phones', ['phones'], (expectedVersion) =>
              api.updateStationPhones({ params: { id }, body: { expectedVersion, phones: phones.map((p) => p.trim()).filter((p) => p !== '') } }),
            )
          }
        >
          {saving === 'phones' ? '正在保存…' : '保存电话'}
        </Button>
      </View>

      <View className='card' id='photo-section'>
        <Text className='host__section'>照片</Text>
        {s.photoUrl ? <Image className='host__photo' id='station-photo' src={mediaUrl(s.photoUrl) ?? ''} mode='aspectFill' /> : <Text className='host__hint'>还没有照片。门头照能帮劳动者更快找到驿站。</Text>}
        <Problem outcome={outcomes.photo} id='photo-error' />
        <View className='host__buttons'>
          <Button className='btn' id='choose-photo' disabled={saving !== null} onClick={() => void choosePhoto()}>
            {saving === 'photo' ? '正在上传…' : s.photoUrl ? '换一张' : '上传照片'}
          </Button>
          {s.photoUrl ? (
            <Button
              className='btn secondary'
              id='remove-photo'
              disabled={saving !== null}
              onClick={() => void run('photo', ['photoUrl'], (expectedVersion) => api.removeStationPhoto({ params: { id }, query: { expectedVersion } }))}
            >
              删除照片
            </Button>
          ) : null}
        </View>
        <Text className='host__hint'>JPG、PNG 或 WebP，不超过 2 MB。</Text>
      </View>

      <View className='card'>
        <View className='host__item' id='history-link' onClick={() => void Taro.navigateTo({ url: `/pkg-host/history/index?id=${id}` })}>
          <Text>修改记录</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='host__item' id='public-page-link' onClick={() => void Taro.navigateTo({ url: `/pkg-station/detail/index?id=${id}` })}>
          <Text>看看劳动者看到的样子</Text>
          <Text className='muted'>›</Text>
        </View>
      </View>
      <Text className='host__meta' style={{ textAlign: 'center' }}>
        更新于 {shortTime(s.updatedAt)} · 驿站编号 {s.id}
      </Text>
    </View>
  );
}
