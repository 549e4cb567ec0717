import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { VOLUNTEER_CONSENT_NOTICE, VOLUNTEER_CONSENT_VERSION, VolunteerBody, WishErrorCode } from '@yz/shared';
import { ConsentBox, ConsentNotice, fieldErrorOf, SubmitRow, TextField } from '../../components/FormParts';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, ApiError, errorMessage } from '../../services/api';
import { issuesByField, refusalByField } from '../../services/form-errors';
import { askSubscribe } from '../../services/subscribe';
import { usePageData } from '../../use-page-data';
import { recordSubscribe } from '../common';
import '../wishes.scss';

/**
 * 爱心志愿者登记: real name, mobile, organisation and the separate consent. Opened from a wish's 认领
 * (`?claim=<wishId>`), the same tap registers and claims, so the volunteer taps once.
 */

type Field = 'name' | 'mobile' | 'organisation' | 'consent' | 'form';

export default function VolunteerPage() {
  const claimId = useRouter().params.claim;
  const { me } = useMe();
  const [name, setName] = useState('');
  const [mobile, setMobile] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const templates = useRef<string[]>([]);

  const { data: mine, error: loadError, load } = usePageData(async () => {
    const v = await api.getMyVolunteer({});
    templates.current = v.subscribeTemplateIds;
    return v;
  });

  const body = () => ({
    name,
    mobile,
    ...(organisation.trim() ? { organisation } : {}),
    consent,
    consentVersion: VOLUNTEER_CONSENT_VERSION,
  });

  const submit = () => {
    const parsed = VolunteerBody.safeParse(body());
    if (!parsed.success) {
      setErrors(issuesByField<Field>(parsed.error.issues));
      void Taro.showToast({ title: '请按红字提示修改', icon: 'none' });
      return;
    }
    setErrors({});
    // In the tap: WeChat's subscribe dialog for the claim's progress (claimed, reminder, lapsed).
    const asked = claimId ? askSubscribe(templates.current) : Promise.resolve(null);
    void send(asked);
  };

  const send = async (asked: ReturnType<typeof askSubscribe>) => {
    setBusy(true);
    try {
      await api.registerVolunteer({ body: body() as Parameters<typeof api.registerVolunteer>[0]['body'] });
    } catch (e) {
      setErrors(refusalByField<Field>(e));
      setBusy(false);
      return;
    }
    if (!claimId) {
      setBusy(false);
      void Taro.showToast({ title: '登记成功', icon: 'success' });
      await load();
      return;
    }
    try {
      await api.claimWish({ params: { id: claimId } });
      await recordSubscribe(asked);
      void Taro.showToast({ title: '登记并认领成功', icon: 'success' });
      void Taro.redirectTo({ url: `/pkg-wishes/claimed/index?claimed=${claimId}` });
    } catch (e) {
      const faster = e instanceof ApiError && e.code === WishErrorCode.WISH_ALREADY_CLAIMED;
      await Taro.showModal({
        title: faster ? '登记成功，但慢了一步' : '登记成功，认领没有成功',
        content: faster ? `${errorMessage(e)}。可以回到心愿墙看看其他心愿。` : errorMessage(e),
        showCancel: false,
      });
      void Taro.redirectTo({ url: `/pkg-wishes/detail/index?id=${claimId}` });
    } finally {
      setBusy(false);
    }
  };

  if (!me) return <StateView kind='empty' title='请先登录再登记' actionText='去登录' onAction={() => void Taro.switchTab({ url: '/pages/me/index' })} />;
  if (loadError) return <StateView kind='error' title='没能加载登记信息' detail={loadError} actionText='重试' onAction={() => void load()} />;
  if (!mine) return <StateView kind='loading' title='正在加载…' />;

  if (mine.profile) {
    return (
      <View className='page wish' id='volunteer-profile'>
        <View className='card'>
          <Text className='wish__title'>您已是爱心志愿者</Text>
          <View className='wish__row'>
            <Text className='muted'>姓名</Text>
            <Text id='volunteer-name'>{mine.profile.nameMasked}</Text>
          </View>
          <View className='wish__row'>
            <Text className='muted'>手机号</Text>
            <Text id='volunteer-mobile'>{mine.profile.mobileMasked}</Text>
          </View>
          {mine.profile.organisation ? (
            <View className='wish__row'>
              <Text className='muted'>单位或团体</Text>
              <Text>{mine.profile.organisation}</Text>
            </View>
          ) : null}
        </View>
        <View className='wish__submit'>
          <Button className='btn' id='go-claims' onClick={() => void Taro.redirectTo({ url: '/pkg-wishes/claimed/index' })}>
            我认领的心愿
          </Button>
        </View>
      </View>
    );
  }

  const fieldError = fieldErrorOf('wish', errors);

  return (
    <View className='page wish' id='volunteer-form'>
      <View className='card'>
        <Text className='wish__title'>成为爱心志愿者</Text>
        <Text className='wish__hint'>认领微心愿需要实名登记。登记一次即可，以后认领不用再填。</Text>
        <TextField block='wish' field='name' label='真实姓名' value={name} maxlength={30} placeholder='与身份证上一致' error={errors.name} onInput={setName} />
        <TextField block='wish' field='mobile' label='手机号' type='number' value={mobile} maxlength={11} placeholder='11 位手机号' error={errors.mobile} onInput={setMobile} />
        <TextField
          block='wish'
          field='organisation'
          label='所在单位或团体（可不填）'
          value={organisation}
          maxlength={40}
          placeholder='如：某某公司党支部、青年志愿者协会'
          error={errors.organisation}
          onInput={setOrganisation}
        />
      </View>

      <View className='card'>
        <ConsentNotice block='wish' notice={VOLUNTEER_CONSENT_NOTICE} />
        <ConsentBox block='wish' checked={consent} onToggle={() => setConsent(!consent)}>
          我已阅读并同意《{VOLUNTEER_CONSENT_NOTICE.title}》
        </ConsentBox>
        {fieldError('consent')}
      </View>

      <SubmitRow block='wish' id='register-volunteer' label={claimId ? '登记并认领' : '登记'} busy={busy} error={errors.form} onSubmit={submit} />
    </View>
  );
}
