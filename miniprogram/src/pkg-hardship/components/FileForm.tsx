import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import {
  FileCreateBody,
  FileUpdateBody,
  HARDSHIP_CAUSE_LABELS,
  HARDSHIP_CAUSES,
  HARDSHIP_CONSENT_NOTICE,
  HARDSHIP_CONSENT_VERSION,
  HARDSHIP_OCCUPATION_LABELS,
  HARDSHIP_OCCUPATIONS,
  HardshipApplyBody,
  HOUSING_TYPE_LABELS,
  HOUSING_TYPES,
  type HardshipCause,
  type HardshipFile,
  type HardshipOccupation,
  type HousingType,
} from '@yz/shared';
import { ConsentBox, ConsentNotice } from '../../components/FormParts';
import RegionPicker from '../../components/RegionPicker';
import { issuesByField, refusalByField } from '../../services/form-errors';

/**
 * The six-part file form. `self`: a worker's own application (basic information, cause, income, housing,
 * and the separate consent); `create`: staff file a worker (all six parts, written consent taken on
 * paper); `edit`: staff correct a file (the ID number and mobile may stay blank to keep the stored ones).
 */

export type FormMode = 'self' | 'create' | 'edit';

interface Step {
  text: string;
  due: string;
  done: boolean;
}

interface Draft {
  districtCode: string;
  districtLabel: string;
  name: string;
  idNumber: string;
  mobile: string;
  occupation: HardshipOccupation | '';
  employer: string;
  address: string;
  householdSize: string;
  helperName: string;
  helperPhone: string;
  helperOrg: string;
  helperUserId: string;
  causes: HardshipCause[];
  causeDetail: string;
  incomeYuan: string;
  incomeSources: string;
  housingType: HousingType | '';
  areaSqm: string;
  housingNote: string;
  steps: Step[];
  consent: boolean;
}

const EMPTY: Draft = {
  districtCode: '',
  districtLabel: '',
  name: '',
  idNumber: '',
  mobile: '',
  occupation: '',
  employer: '',
  address: '',
  householdSize: '',
  helperName: '',
  helperPhone: '',
  helperOrg: '',
  helperUserId: '',
  causes: [],
  causeDetail: '',
  incomeYuan: '',
  incomeSources: '',
  housingType: '',
  areaSqm: '',
  housingNote: '',
  steps: [],
  consent: false,
};

export function draftOf(file: HardshipFile): Draft {
  return {
    ...EMPTY,
    districtCode: file.districtCode,
    districtLabel: file.regionName,
    name: file.basic.name,
    occupation: file.basic.occupation,
    employer: file.basic.employer ?? '',
    address: file.basic.address,
    householdSize: String(file.basic.householdSize),
    helperName: file.helper?.name ?? '',
    helperPhone: file.helper?.phone ?? '',
    helperOrg: file.helper?.organisation ?? '',
    helperUserId: file.helper?.userId ?? '',
    causes: file.cause.categories,
    causeDetail: file.cause.detail,
    incomeYuan: (file.income.householdMonthlyFen / 100).toString(),
    incomeSources: file.income.sources ?? '',
    housingType: file.housing.type,
    areaSqm: file.housing.areaSqm === null ? '' : String(file.housing.areaSqm),
    housingNote: file.housing.note ?? '',
    steps: file.plan.steps.map((s) => ({ ...s })),
  };
}

const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
const fen = (yuan: string) => (yuan.trim() === '' ? undefined : Math.round(Number(yuan) * 100));

function bodyOf(d: Draft, mode: FormMode, version?: number): Record<string, unknown> {
  const basic = {
    name: d.name,
    idNumber: mode === 'edit' ? opt(d.idNumber) : d.idNumber,
    mobile: mode === 'edit' ? opt(d.mobile) : d.mobile,
    occupation: d.occupation || undefined,
    employer: opt(d.employer),
    address: d.address,
    householdSize: num(d.householdSize),
  };
  const common = {
    districtCode: d.districtCode || undefined,
    basic,
    cause: { categories: d.causes, detail: d.causeDetail },
    income: { householdMonthlyFen: fen(d.incomeYuan), sources: opt(d.incomeSources) },
    housing: { type: d.housingType || undefined, areaSqm: num(d.areaSqm), note: opt(d.housingNote) },
  };
  if (mode === 'self') return { ...common, consent: d.consent, consentVersion: HARDSHIP_CONSENT_VERSION };
  const staffParts = {
    ...common,
    helper:
      d.helperName.trim() === '' && d.helperPhone.trim() === ''
        ? null
        : { name: d.helperName, phone: d.helperPhone, organisation: opt(d.helperOrg), userId: opt(d.helperUserId) },
    plan: { steps: d.steps.map((s) => ({ text: s.text, due: s.due, done: s.done })) },
  };
  return mode === 'create' ? { ...staffParts, consent: d.consent } : { ...staffParts, version };
}

type Errors = Partial<Record<string, string>>;

export function FileForm(props: {
  mode: FormMode;
  initial?: HardshipFile;
  submitText: string;
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
}) {
  const { mode } = props;
  const [d, setD] = useState<Draft>(() => (props.initial ? draftOf(props.initial) : EMPTY));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((old) => ({ ...old, [key]: value }));

  const submit = async () => {
    const body = bodyOf(d, mode, props.initial?.version);
    const schema = mode === 'self' ? HardshipApplyBody : mode === 'create' ? FileCreateBody : FileUpdateBody;
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues, 2));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await props.onSubmit(body);
    } catch (e) {
      setErrors(refusalByField(e));
    } finally {
      setBusy(false);
    }
  };

  const err = (key: string) =>
    errors[key] ? (
      <Text className='hs__error' id={`error-${key.replace('.', '-')}`}>
        {errors[key]}
      </Text>
    ) : null;
  const field = (key: keyof Draft, label: string, opts: { id: string; placeholder?: string; type?: 'text' | 'number' | 'idcard' | 'digit'; max?: number; error?: string }) => (
    <View className='hs__field'>
      <Text className='hs__label'>{label}</Text>
      <Input
        className={`hs__input ${opts.error && errors[opts.error] ? 'hs__input--error' : ''}`}
        id={opts.id}
        type={opts.type ?? 'text'}
        value={String(d[key])}
        maxlength={opts.max ?? 60}
        placeholder={opts.placeholder ?? ''}
        onInput={(e) => set(key, e.detail.value as never)}
      />
      {opts.error ? err(opts.error) : null}
    </View>
  );

  return (
    <View className='hs' id='file-form'>
      <View className='card'>
        <Text className='hs__title'>基本信息</Text>
        {field('name', '姓名', { id: 'field-name', placeholder: '与身份证上一致', max: 30, error: 'basic.name' })}
        {field('idNumber', '身份证号', {
          id: 'field-idNumber',
          type: 'idcard',
          max: 18,
          placeholder: mode === 'edit' ? `${props.initial?.basic.idNumberMasked ?? ''}（不改请留空）` : '18 位居民身份证号',
          error: 'basic.idNumber',
        })}
        {field('mobile', '手机号', {
          id: 'field-mobile',
          type: 'number',
          max: 11,
          placeholder: mode === 'edit' ? `${props.initial?.basic.mobileMasked ?? ''}（不改请留空）` : '11 位手机号',
          error: 'basic.mobile',
        })}
        <View className='hs__field'>
          <Text className='hs__label'>职业</Text>
          <View className='hs__chips' id='field-occupation'>
            {HARDSHIP_OCCUPATIONS.map((o) => (
              <View key={o} id={`occupation-${o}`} className={`hs__chip ${d.occupation === o ? 'hs__chip--on' : ''}`} onClick={() => set('occupation', o)}>
                {HARDSHIP_OCCUPATION_LABELS[o]}
              </View>
            ))}
          </View>
          {err('basic.occupation')}
        </View>
        {field('employer', '工作单位（可不填）', { id: 'field-employer', max: 60 })}
        {field('address', '家庭住址', { id: 'field-address', max: 80, error: 'basic.address' })}
        {field('householdSize', '家庭人口（人）', { id: 'field-householdSize', type: 'number', max: 2, error: 'basic.householdSize' })}
        <View className='hs__field'>
          <Text className='hs__label'>所在地区</Text>
          <View className='hs__picker' id='field-district' onClick={() => setPicking(true)}>
            <Text className={d.districtCode ? '' : 'muted'}>{d.districtLabel || '选择省、市、区县'}</Text>
            <Text className='muted'>›</Text>
          </View>
          {err('districtCode')}
          {picking ? (
            <RegionPicker
              onCancel={() => setPicking(false)}
              onPick={(r) => {
                setD((old) => ({ ...old, districtCode: r.code, districtLabel: r.name }));
                setPicking(false);
              }}
            />
          ) : null}
        </View>
      </View>

      {mode !== 'self' ? (
        <View className='card'>
          <Text className='hs__title'>结对帮扶责任人</Text>
          {field('helperName', '姓名', { id: 'field-helperName', max: 30, error: 'helper.name' })}
          {field('helperPhone', '联系电话', { id: 'field-helperPhone', max: 20, error: 'helper.phone' })}
          {field('helperOrg', '单位（可不填）', { id: 'field-helperOrg', max: 40 })}
          {field('helperUserId', '用户编号（可不填；填写后可扫码查看档案）', { id: 'field-helperUserId', max: 40, error: 'helper.userId' })}
        </View>
      ) : null}

      <View className='card'>
        <Text className='hs__title'>致困原因</Text>
        <View className='hs__chips' id='field-causes'>
          {HARDSHIP_CAUSES.map((c) => (
            <View
              key={c}
              id={`cause-${c}`}
              className={`hs__chip ${d.causes.includes(c) ? 'hs__chip--on' : ''}`}
              onClick={() => set('causes', d.causes.includes(c) ? d.causes.filter((x) => x !== c) : [...d.causes, c])}
            >
              {HARDSHIP_CAUSE_LABELS[c]}
            </View>
          ))}
        </View>
        {err('cause.categories')}
        <Textarea className='hs__textarea' id='field-causeDetail' value={d.causeDetail} maxlength={300} placeholder='简要说明家庭困难情况' onInput={(e) => set('causeDetail', e.detail.value)} />
        {err('cause.detail')}
      </View>

      <View className='card'>
        <Text className='hs__title'>家庭收入与住房</Text>
        {field('incomeYuan', '家庭月收入（元）', { id: 'field-income', type: 'digit', max: 10, error: 'income.householdMonthlyFen' })}
        {field('incomeSources', '收入来源（可不填）', { id: 'field-incomeSources', max: 100 })}
        <View className='hs__field'>
          <Text className='hs__label'>住房情况</Text>
          <View className='hs__chips' id='field-housing'>
            {HOUSING_TYPES.map((h) => (
              <View key={h} id={`housing-${h}`} className={`hs__chip ${d.housingType === h ? 'hs__chip--on' : ''}`} onClick={() => set('housingType', h)}>
                {HOUSING_TYPE_LABELS[h]}
              </View>
            ))}
          </View>
          {err('housing.type')}
        </View>
        {field('areaSqm', '住房面积（平方米，可不填）', { id: 'field-area', type: 'digit', max: 6, error: 'housing.areaSqm' })}
      </View>

      {mode !== 'self' ? (
        <View className='card'>
          <Text className='hs__title'>解困脱困计划</Text>
          {d.steps.map((step, i) => (
            <View className='hs__field' key={i} id={`step-${i}`}>
              <Input
                className='hs__input'
                id={`step-${i}-text`}
                value={step.text}
                maxlength={60}
                placeholder='帮扶措施'
                onInput={(e) => set('steps', d.steps.map((s, j) => (j === i ? { ...s, text: e.detail.value } : s)))}
              />
              <Input
                className='hs__input'
                id={`step-${i}-due`}
                value={step.due}
                maxlength={10}
                placeholder='完成日期，如 2027-03-01'
                onInput={(e) => set('steps', d.steps.map((s, j) => (j === i ? { ...s, due: e.detail.value } : s)))}
              />
              <View className='hs__chips'>
                <View
                  className={`hs__chip ${step.done ? 'hs__chip--on' : ''}`}
                  onClick={() => set('steps', d.steps.map((s, j) => (j === i ? { ...s, done: !s.done } : s)))}
                >
                  {step.done ? '已完成' : '未完成'}
                </View>
                <View className='hs__chip' onClick={() => set('steps', d.steps.filter((_, j) => j !== i))}>
                  删除
                </View>
              </View>
            </View>
          ))}
          {err('plan.steps')}
          <Button className='btn secondary small' id='add-step' onClick={() => set('steps', [...d.steps, { text: '', due: '', done: false }])}>
            添加一条措施
          </Button>
        </View>
      ) : null}

      {mode === 'self' ? (
        <View className='card'>
          <ConsentNotice block='hs' notice={HARDSHIP_CONSENT_NOTICE} />
          <ConsentBox block='hs' checked={d.consent} onToggle={() => set('consent', !d.consent)}>
            我已阅读并单独同意上述敏感个人信息的处理
          </ConsentBox>
          {err('consent')}
        </View>
      ) : mode === 'create' ? (
        <View className='card'>
          <ConsentBox block='hs' checked={d.consent} onToggle={() => set('consent', !d.consent)}>
            已取得本人对处理敏感个人信息的书面同意
          </ConsentBox>
          {err('consent')}
        </View>
      ) : null}

      {errors.form || Object.keys(errors).length > 0 ? (
        <Text className='hs__error card' id='error-form'>
          {errors.form ?? '请按红字提示修改'}
        </Text>
      ) : null}
      <View className='hs__submit'>
        <Button className='btn' id='submit-file' disabled={busy} onClick={() => void submit()}>
          {busy ? '正在提交…' : props.submitText}
        </Button>
      </View>
    </View>
  );
}
