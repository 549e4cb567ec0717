import { Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import {
  ApplicationBody,
  checkIdNumber,
  CONSENT_NOTICE,
  CONSENT_VERSION,
  OCCUPATION_LABELS,
  OCCUPATIONS,
  ResubmitBody,
  type Application,
  type Occupation,
} from '@yz/shared';
import { ConsentBox, ConsentNotice, FieldInput, fieldErrorOf, FormHead, SubmitRow, TextField } from '../../components/FormParts';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, ApiError, errorMessage } from '../../services/api';
import { issuesByField, refusalByField } from '../../services/form-errors';
import { askSubscribe, type SubscribeAnswer } from '../../services/subscribe';
import RegionField from '../components/RegionField';
import { clearDraft, EMPTY_DRAFT, loadDraft, saveDraft, type Draft } from '../draft';
import '../member.scss';

/**
 * 申请入会: a short form a courier fills in two minutes. The same schema as the server checks every
 * field and names it; gender and birth date are read from the ID number. Opened with `?id=` it corrects
 * a returned application.
 */

type Errors = Partial<Record<keyof Draft | 'form', string>>;

function bodyOf(draft: Draft) {
  return {
    name: draft.name,
    mobile: draft.mobile,
    idNumber: draft.idNumber,
    occupation: draft.occupation || undefined,
    employmentType: draft.employmentType,
    employer: draft.employmentType === 'employed' && draft.employer.trim() !== '' ? draft.employer : undefined,
    districtCode: draft.districtCode || undefined,
    consent: draft.consent,
    consentVersion: CONSENT_VERSION,
  };
}

function validate(draft: Draft, version: number | null): { ok: true; body: ReturnType<typeof bodyOf> & { version?: number } } | { ok: false; errors: Errors } {
  const body = version === null ? bodyOf(draft) : { ...bodyOf(draft), version };
  const result = (version === null ? ApplicationBody : ResubmitBody).safeParse(body);
  if (result.success) return { ok: true, body };
  return { ok: false, errors: issuesByField<keyof Draft>(result.error.issues) };
}

export default function ApplyPage() {
  const editId = useRouter().params.id;
  const { me } = useMe();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(editId) ?? EMPTY_DRAFT);
  const [errors, setErrors] = useState<Errors>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<Application | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const templates = useRef<string[]>([]);

  const load = async () => {
    setLoadError(null);
    try {
      const mine = await api.getMyMembership({});
      templates.current = mine.subscribeTemplateIds;
      if (editId) {
        const app = mine.applications.find((a) => a.id === editId) ?? (await api.getApplication({ params: { id: editId } }));
        setEditing(app);
        // The ID number and mobile are never sent back in full: the applicant types them again.
        if (!loadDraft(editId)) {
          setDraft({
            ...EMPTY_DRAFT,
            name: app.name,
            occupation: app.occupation,
            employmentType: app.employmentType,
            employer: app.employer ?? '',
            districtCode: app.districtCode,
            districtLabel: app.regionName,
          });
        }
      }
    } catch (e) {
      if (editId || !(e instanceof ApiError && e.needsLogin)) setLoadError(errorMessage(e));
    }
  };
  useLoad(() => {
    void load();
  });

  useEffect(() => {
    saveDraft(draft, editId);
    if (tried) {
      const result = validate(draft, editing?.version ?? null);
      setErrors(result.ok ? {} : result.errors);
    }
  }, [draft, tried, editId, editing]);

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((d) => ({ ...d, [field]: value }));

  const submit = () => {
    setTried(true);
    const result = validate(draft, editing?.version ?? null);
    if (!result.ok) {
      setErrors(result.errors);
      void Taro.showToast({ title: '请按红字提示修改', icon: 'none' });
      return;
    }
    const asked = askSubscribe(templates.current);
    void send(result.body, asked);
  };

  const send = async (body: ReturnType<typeof bodyOf> & { version?: number }, asked: Promise<Record<string, SubscribeAnswer> | null>) => {
    setBusy(true);
    try {
      const recorded = asked.then((results) => (results ? api.recordSubscriptions({ body: { results } }).catch(() => null) : null));
      const app = editing
        ? await api.resubmitApplication({ params: { id: editing.id }, body: body as Parameters<typeof api.resubmitApplication>[0]['body'] })
        : await api.submitApplication({ body: body as Parameters<typeof api.submitApplication>[0]['body'] });
      await recorded;
      clearDraft(editId);
      void Taro.redirectTo({ url: `/pkg-member/status/index?id=${app.id}&submitted=1` });
    } catch (e) {
      setErrors(refusalByField<keyof Draft>(e));
    } finally {
      setBusy(false);
    }
  };

  if (!me) {
    return (
      <View className='page'>
        <StateView kind='empty' title='请先登录再申请入会' actionText='去登录' onAction={() => void Taro.switchTab({ url: '/pages/me/index' })} />
      </View>
    );
  }
  if (loadError) return <StateView kind='error' title='没能打开申请' detail={loadError} actionText='重试' onAction={() => void load()} />;
  if (editId && !editing) return <StateView kind='loading' title='正在加载申请…' />;

  const id = checkIdNumber(draft.idNumber);
  // The form's one-line inputs: each writes its draft field and turns red when that field is refused.
  const textField = (field: 'name' | 'idNumber' | 'mobile' | 'employer') => ({ block: 'member', field, value: draft[field], error: errors[field], onInput: (value: string) => set(field, value) });
  const fieldError = fieldErrorOf('member', errors);

  return (
    <View className='page member' id='apply-form'>
      <FormHead
        block='member'
        returnNote={editing?.note}
        returnedHint='为保护您的信息，请重新填写身份证号和手机号。'
        title='加入工会'
        hint='快递员、外卖骑手、货车司机、家政、护工、保安……新就业形态劳动者都可以在线入会。填写约 2 分钟，已填内容会自动保存在手机上。'
      />

      <View className='card'>
        <TextField {...textField('name')} label='姓名' maxlength={30} placeholder='与身份证上一致' />
        <TextField {...textField('idNumber')} label='身份证号' type='idcard' maxlength={18} placeholder='18 位居民身份证号'>
          {id.ok ? (
            <Text className='member__derived' id='id-derived'>
              {id.facts.gender === 'male' ? '男' : '女'} · 出生日期 {id.facts.birthDate}（根据身份证号自动识别）
            </Text>
          ) : null}
        </TextField>
        <TextField {...textField('mobile')} label='手机号' type='number' maxlength={11} placeholder='11 位手机号' />
      </View>

      <View className='card'>
        <View className='member__field'>
          <Text className='member__label'>职业</Text>
          <View className='member__chips' id='field-occupation'>
            {OCCUPATIONS.map((o: Occupation) => (
              <View
                key={o}
                id={`occupation-${o}`}
                className={`member__chip ${draft.occupation === o ? 'member__chip--on' : ''}`}
                onClick={() => set('occupation', o)}
              >
                {OCCUPATION_LABELS[o]}
              </View>
            ))}
          </View>
          {fieldError('occupation')}
        </View>
        <View className='member__field'>
          <Text className='member__label'>工作单位或平台</Text>
          <View className='member__chips'>
            <View
              id='employment-employed'
              className={`member__chip ${draft.employmentType === 'employed' ? 'member__chip--on' : ''}`}
              onClick={() => set('employmentType', 'employed')}
            >
              有单位或平台
            </View>
            <View
              id='employment-flexible'
              className={`member__chip ${draft.employmentType === 'flexible' ? 'member__chip--on' : ''}`}
              onClick={() => set('employmentType', 'flexible')}
            >
              灵活就业
            </View>
          </View>
          {draft.employmentType === 'employed' ? (
            <FieldInput {...textField('employer')} maxlength={60} placeholder='如：顺丰速运、美团、某物业公司' />
          ) : null}
          {fieldError('employer')}
        </View>
        <View className='member__field'>
          <Text className='member__label'>工作地区</Text>
          <Text className='member__hint'>申请将交给所选区县的工会审核</Text>
          <RegionField
            id='field-district'
            value={draft.districtCode ? { code: draft.districtCode, label: draft.districtLabel } : null}
            error={errors.districtCode}
            onChange={(v) => setDraft((d) => ({ ...d, districtCode: v.code, districtLabel: v.label }))}
          />
          {fieldError('districtCode')}
        </View>
      </View>

      <View className='card'>
        <ConsentNotice block='member' notice={CONSENT_NOTICE} />
        <ConsentBox block='member' checked={draft.consent} onToggle={() => set('consent', !draft.consent)}>
          我已阅读并单独同意上述敏感个人信息（身份证号）的处理
        </ConsentBox>
        {fieldError('consent')}
      </View>

      <SubmitRow block='member' id='submit-application' label={editing ? '重新提交' : '提交申请'} busy={busy} error={errors.form} onSubmit={submit} />
    </View>
  );
}
