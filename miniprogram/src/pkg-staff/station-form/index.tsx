import { Button, Image, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { STATION_TYPES, STATION_TYPE_LABELS, type BindingCode, type HostInvitation, type StationType, shortTime } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, ApiError, errorMessage } from '../../services/api';
import { useEditableStation } from '../../use-editable-station';
import { districtOptions } from '../regions';
import '../staff.scss';

/**
 * A station's basic information for staff: create one, or edit name, address, district, location,
 * type and host organisation; deactivate and re-activate; see its hosts by name, invite one by QR
 * code (or a typed binding code), unbind them. Hours,
 * closures and the rest are kept on the host's editor, which staff open from here.
 */

interface Form {
  name: string;
  address: string;
  districtCode: string;
  lat: string;
  lng: string;
  type: StationType;
  hostOrganisation: string;
  phone: string;
}

const blank = (districtCode: string): Form => ({ name: '', address: '', districtCode, lat: '', lng: '', type: 'community', hostOrganisation: '', phone: '' });

export default function StationFormPage() {
  const params = useRouter().params;
  const id = params.id ?? '';
  const { me } = useMe();
  const editing = useEditableStation(id);
  const districts = me ? districtOptions(me) : [];
  const [form, setForm] = useState<Form>(() => blank(params.region?.length === 6 ? params.region : ''));
  const [fieldError, setFieldError] = useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [hosts, setHosts] = useState<{ userId: string; name: string | null }[] | null>(null);
  const [invitation, setInvitation] = useState<HostInvitation | null>(null);
  const [code, setCode] = useState<BindingCode | null>(null);
  const station = id ? editing.station : null;

  useEffect(() => {
    if (!station) return;
    setForm({
      name: station.name,
      address: station.address,
      districtCode: station.district.code,
      lat: station.location ? String(station.location.lat) : '',
      lng: station.location ? String(station.location.lng) : '',
      type: station.type,
      hostOrganisation: station.hostOrganisation ?? '',
      phone: '',
    });
  }, [station?.id, station?.version]);

  useEffect(() => {
    if (!id) return;
    api
      .listStationHosts({ params: { id } })
      .then((r) => setHosts(r.items))
      .catch(() => setHosts([]));
  }, [id]);

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  if (id && editing.phase.kind === 'loading') return <StateView kind='loading' title='正在加载驿站信息…' />;
  if (id && editing.phase.kind !== 'ready') return <StateView kind='error' title='没能加载驿站信息' actionText='重试' onAction={() => void editing.reload()} />;
  const districtCode = form.districtCode || districts[0]?.code || '';
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const errorAt = (field: string) =>
    fieldError && (fieldError.field ?? '').startsWith(field) ? (
      <Text className='staff__error' id={`error-${field}`}>
        {fieldError.message}
      </Text>
    ) : null;

  const location = (): { lat: number; lng: number } | null | 'bad' => {
    if (form.lat.trim() === '' && form.lng.trim() === '') return null;
    const lat = Number(form.lat);
    const lng = Number(form.lng);
    return Number.isFinite(lat) && Number.isFinite(lng) && form.lat.trim() !== '' && form.lng.trim() !== '' ? { lat, lng } : 'bad';
  };

  const hereNow = async () => {
    try {
      const fix = await Taro.getLocation({ type: 'gcj02' });
      set({ lat: fix.latitude.toFixed(6), lng: fix.longitude.toFixed(6) });
    } catch {
      void Taro.showToast({ title: '没能定位，请手动填写经纬度', icon: 'none' });
    }
  };

  const submit = async () => {
    // WeChat still delivers taps on a disabled button.
    if (busy || editing.saving !== null || form.name.trim() === '' || form.address.trim() === '') return;
    const where = location();
    if (where === 'bad') {
      setFieldError({ field: 'location', message: '纬度和经度要一起填写，且是数字' });
      return;
    }
    setFieldError(null);
    const profile = {
      name: form.name,
      address: form.address,
      districtCode,
      location: where,
      type: form.type,
      hostOrganisation: form.hostOrganisation.trim() === '' ? null : form.hostOrganisation,
    };
    if (!id) {
      setBusy(true);
      try {
        const created = await api.createStation({ body: { ...profile, phones: form.phone.trim() ? [form.phone.trim()] : [] } });
        void Taro.showToast({ title: '已新建', icon: 'success' });
        void Taro.redirectTo({ url: `/pkg-staff/station-form/index?id=${created.id}` });
      } catch (e) {
        setFieldError({ field: e instanceof ApiError ? (e.field ?? '') : '', message: errorMessage(e) });
      } finally {
        setBusy(false);
      }
      return;
    }
    const outcome = await editing.save('profile', ['name', 'address', 'district', 'location', 'type', 'hostOrganisation'], (expectedVersion) =>
      api.updateStationProfile({ params: { id }, body: { expectedVersion, ...profile } }),
    );
    if (outcome.error) setFieldError({ field: outcome.error.field ?? '', message: outcome.error.message });
  };

  // Staff see hosts by the name they gave; the account id is only what the unbind call needs.
  const hostLabel = (name: string | null) => name ?? '负责人（未留称呼）';

  const unbind = async (host: { userId: string; name: string | null }) => {
    const ok = await Taro.showModal({ title: '解除绑定', content: `解除 ${hostLabel(host.name)} 负责这个驿站的身份？`, confirmText: '解除' });
    if (!ok.confirm) return;
    try {
      await api.unbindHost({ params: { id, userId: host.userId } });
      setHosts((h) => (h ?? []).filter((x) => x.userId !== host.userId));
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  const districtIndex = Math.max(0, districts.findIndex((d) => d.code === districtCode));
  return (
    <View className='page staff' id='station-form'>
      <View className='card'>
        <Text className='staff__title'>{id ? '基本信息' : '新建驿站'}</Text>
        <Text className='staff__label'>名称</Text>
        <Input className='staff__input' id='form-name' value={form.name} maxlength={60} placeholder='如：芙蓉社区爱心驿站' onInput={(e) => set({ name: e.detail.value })} />
        {errorAt('name')}
        <Text className='staff__label'>地址</Text>
        <Input className='staff__input' id='form-address' value={form.address} maxlength={120} placeholder='街道门牌，如：都昌镇芙蓉路133号' onInput={(e) => set({ address: e.detail.value })} />
        {errorAt('address')}
        <Text className='staff__label'>区县</Text>
        <Picker mode='selector' range={districts.map((d) => d.name)} value={districtIndex} onChange={(e) => set({ districtCode: districts[Number(e.detail.value)]?.code ?? districtCode })}>
          <View className='staff__picker' id='form-district'>
            {districts[districtIndex]?.name ?? '请选择区县'}
          </View>
        </Picker>
        {errorAt('districtCode')}
        <Text className='staff__label'>位置（GCJ-02 经纬度，可先不填：填之前不在地图上显示）</Text>
        <View className='staff__row'>
          <Input className='staff__input staff__half' id='form-lat' type='digit' value={form.lat} placeholder='纬度，如 29.27' onInput={(e) => set({ lat: e.detail.value })} />
          <Input className='staff__input staff__half' id='form-lng' type='digit' value={form.lng} placeholder='经度，如 116.20' onInput={(e) => set({ lng: e.detail.value })} />
        </View>
        <Button className='btn secondary small' id='form-here' onClick={() => void hereNow()}>
          用我现在的位置
        </Button>
        {errorAt('location')}
        <Text className='staff__label'>类型</Text>
        <Picker mode='selector' range={STATION_TYPES.map((t) => STATION_TYPE_LABELS[t])} value={STATION_TYPES.indexOf(form.type)} onChange={(e) => set({ type: STATION_TYPES[Number(e.detail.value)] ?? form.type })}>
          <View className='staff__picker' id='form-type'>
            {STATION_TYPE_LABELS[form.type]}
          </View>
        </Picker>
        <Text className='staff__label'>主办单位（可不填）</Text>
        <Input className='staff__input' id='form-host-org' value={form.hostOrganisation} maxlength={80} onInput={(e) => set({ hostOrganisation: e.detail.value })} />
        {!id ? (
          <View>
            <Text className='staff__label'>联系电话（可不填）</Text>
            <Input className='staff__input' id='form-phone' value={form.phone} maxlength={30} onInput={(e) => set({ phone: e.detail.value })} />
          </View>
        ) : null}
        {fieldError && !['name', 'address', 'districtCode', 'location'].some((f) => (fieldError.field ?? '').startsWith(f)) ? (
          <Text className='staff__error' id='form-error'>
            {fieldError.message}
          </Text>
        ) : null}
        <Button className='btn' id='form-save' disabled={busy || editing.saving !== null || form.name.trim() === '' || form.address.trim() === ''} onClick={() => void submit()}>
          {busy || editing.saving ? '正在保存…' : id ? '保存基本信息' : '新建驿站'}
        </Button>
      </View>

      {station ? (
        <View>
          <View className='card'>
            <View className='staff__item' id='open-editor' onClick={() => void Taro.navigateTo({ url: `/pkg-host/editor/index?id=${station.id}` })}>
              <Text>开放时间、暂停开放、设施、电话、照片</Text>
              <Text className='muted'>›</Text>
            </View>
            <View className='staff__item' id='open-history' onClick={() => void Taro.navigateTo({ url: `/pkg-host/history/index?id=${station.id}` })}>
              <Text>修改记录</Text>
              <Text className='muted'>›</Text>
            </View>
          </View>

          <View className='card' id='hosts-section'>
            <Text className='staff__title'>驿站负责人</Text>
            {hosts === null ? <Text className='muted'>正在加载…</Text> : null}
            {hosts?.length === 0 ? <Text className='muted'>还没有绑定负责人</Text> : null}
            {hosts?.map((host, index) => (
              <View className='staff__item' key={host.userId} id={`host-${index}`}>
                <Text>{hostLabel(host.name)}</Text>
                <Text className='staff__error' id={`unbind-${index}`} onClick={() => void unbind(host)}>
                  解除绑定
                </Text>
              </View>
            ))}
            <Button
              className='btn'
              id='create-invitation'
              onClick={() =>
                void api
                  .createHostInvitation({ params: { id: station.id } })
                  .then(setInvitation)
                  .catch((e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }))
              }
            >
              {invitation ? '重新生成邀请二维码' : '生成负责人邀请二维码'}
            </Button>
            {invitation ? (
              <View id='invitation'>
                {/* Outside the centred block: Taro's H5 image centres itself and was pushed off the card. */}
                <Image className='staff__qr' id='invitation-qr' src={invitation.image} mode='aspectFit' showMenuByLongpress />
                <View className='staff__code'>
                  <Text className='muted'>
                    请负责人打开本小程序“我的 → 扫码成为驿站负责人”扫描；有效期至 {shortTime(invitation.expiresAt)}，只能用一次。
                  </Text>
                  <Text className='muted staff__mono' id='invitation-content' userSelect>
                    {invitation.content}
                  </Text>
                  <Text
                    className='staff__error'
                    id='revoke-invitation'
                    onClick={() =>
                      void api
                        .revokeHostInvitation({ params: { id: station.id, invitationId: invitation.id } })
                        .then(() => {
                          setInvitation(null);
                          void Taro.showToast({ title: '邀请已作废', icon: 'none' });
                        })
                        .catch((e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }))
                    }
                  >
                    作废这个邀请
                  </Text>
                </View>
              </View>
            ) : null}
            <Button
              className='btn secondary'
              id='issue-host-code'
              onClick={() =>
                void api
                  .issueBindingCode({ body: { kind: 'host', stationId: station.id } })
                  .then(setCode)
                  .catch((e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }))
              }
            >
              生成绑定码
            </Button>
            {code ? (
              <View className='staff__code' id='host-code'>
                <Text className='staff__code-value' onClick={() => void Taro.setClipboardData({ data: code.code })}>
                  {code.code}
                </Text>
                <Text className='muted'>把绑定码交给负责人，在“我的”页面输入；有效期至 {shortTime(code.expiresAt)}，只能用一次</Text>
              </View>
            ) : null}
          </View>

          <View className='card' id='status-section'>
            <Text className='staff__title'>{station.status === 'inactive' ? '已停用' : '停用驿站'}</Text>
            {station.status === 'inactive' ? (
              <View>
                <Text className='muted'>停用的驿站不在地图上，修改记录都保留着。</Text>
                <Button
                  className='btn'
                  id='activate'
                  onClick={() => void editing.save('status', ['status'], (expectedVersion) => api.activateStation({ params: { id }, body: { expectedVersion } }))}
                >
                  重新启用
                </Button>
              </View>
            ) : (
              <View>
                <Text className='muted'>驿站撤销或长期不开放时停用：从地图上撤下，修改记录保留，以后可以重新启用。临时关门请用“暂停开放”。</Text>
                <Input className='staff__input' id='deactivate-reason' value={reason} maxlength={60} placeholder='停用原因，如：场地收回' onInput={(e) => setReason(e.detail.value)} />
                <Button
                  className='btn secondary'
                  id='deactivate'
                  disabled={reason.trim() === ''}
                  onClick={() =>
                    reason.trim() !== '' &&
                    void editing.save('status', ['status'], (expectedVersion) => api.deactivateStation({ params: { id }, body: { expectedVersion, reason: reason.trim() } })).then((o) => {
                      if (o.ok) setReason('');
                      else if (o.error) void Taro.showToast({ title: o.error.message, icon: 'none' });
                    })
                  }
                >
                  停用
                </Button>
              </View>
            )}
          </View>
        </View>
      ) : null}
    </View>
  );
}
