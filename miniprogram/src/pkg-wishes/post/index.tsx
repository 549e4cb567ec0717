import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { WISH_CATEGORIES, WISH_CATEGORY_LABELS, WishBody, WishErrorCode, yuan, type MyWish, type WishCategory } from '@yz/shared';
import { fieldErrorOf, FormHead, SubmitRow } from '../../components/FormParts';
import StateView from '../../components/StateView';
import { api, ApiError } from '../../services/api';
import { issuesByField, refusalByField } from '../../services/form-errors';
import { usePageData } from '../../use-page-data';
import { Counter, CountedTextarea, withSubscribe } from '../common';
import StationPicker, { type PickedStation } from './StationPicker';
import '../wishes.scss';

/**
 * 许个心愿: title, story, category, an estimated value in yuan (capped), and the handover — a station
 * or union staff. The same schema as the server checks each field (including the refusal of phone
 * numbers in public text). Opened with `?id=` it corrects a wish staff sent back.
 */

type Field = 'title' | 'story' | 'category' | 'valueFen' | 'handover' | 'form';
type Handover = 'station' | 'staff' | '';

const TITLE_MAX = 30;
const STORY_MAX = 300;

/** "120" / "99.5" → fen; NaN when it is not an amount. */
function fenOf(text: string): number {
  const t = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN;
  return Math.round(Number(t) * 100);
}

export default function PostWishPage() {
  const editId = useRouter().params.id;
  const [editing, setEditing] = useState<MyWish | null>(null);
  const [title, setTitle] = useState('');
  const [story, setStory] = useState('');
  const [category, setCategory] = useState<WishCategory | ''>('');
  const [value, setValue] = useState('');
  const [handover, setHandover] = useState<Handover>('');
  const [station, setStation] = useState<PickedStation | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const templates = useRef<string[]>([]);

  const { data: mine, error: loadError, load } = usePageData(async () => {
    const data = await api.myWishes({});
    templates.current = data.subscribeTemplateIds;
    if (editId) {
      const wish = data.items.find((w) => w.id === editId);
      if (!wish) throw new ApiError(404, 'WISH_NOT_FOUND', '没有找到这个心愿');
      setEditing(wish);
      setTitle(wish.title);
      setStory(wish.story);
      setCategory(wish.category);
      setValue(String(wish.valueFen / 100));
      setHandover(wish.handoverKind);
      setStation(wish.station);
    }
    return data;
  });

  const body = () => ({
    title,
    story,
    category: category || undefined,
    valueFen: value.trim() === '' ? undefined : fenOf(value),
    handover: handover === 'staff' ? { kind: 'staff' as const } : handover === 'station' ? { kind: 'station' as const, stationId: station?.id } : undefined,
  });

  const check = (): Partial<Record<Field, string>> => {
    const parsed = WishBody.safeParse(body());
    const found = parsed.success ? {} : issuesByField<Field>(parsed.error.issues);
    const fen = fenOf(value);
    if (value.trim() !== '' && Number.isNaN(fen)) found.valueFen = '请填写金额，如 120 或 99.5';
    else if (mine && fen > mine.maxValueFen) found.valueFen = `预估价值不能超过 ${yuan(mine.maxValueFen)}`;
    if (handover === 'station' && !station) found.handover = '请选择交接的驿站';
    return found;
  };

  const submit = () => {
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      void Taro.showToast({ title: '请按红字提示修改', icon: 'none' });
      return;
    }
    void send();
  };

  const send = async () => {
    setBusy(true);
    try {
      const payload = body() as Parameters<typeof api.postWish>[0]['body'];
      const wish = await withSubscribe(templates.current, () =>
        editing ? api.editWish({ params: { id: editing.id }, body: { ...payload, version: editing.version } }) : api.postWish({ body: payload }),
      );
      void Taro.redirectTo({ url: `/pkg-wishes/mine/index?posted=${wish.id}` });
    } catch (e) {
      if (e instanceof ApiError && e.code === WishErrorCode.WISH_VALUE_TOO_HIGH) setErrors({ valueFen: e.message });
      else setErrors(refusalByField<Field>(e, 1));
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <StateView kind='error' title='没能打开心愿表单' detail={loadError} actionText='重试' onAction={() => void load()} />;
  if (!mine) return <StateView kind='loading' title='正在加载…' />;
  if (!editing && !mine.canPost) {
    return <StateView kind='empty' id='cannot-post' title='暂时不能许愿' detail={mine.reason ?? '只有在档的困难职工可以许微心愿，请联系所在地工会。'} />;
  }
  if (!editing && mine.openCount >= mine.maxOpen) {
    return (
      <StateView
        kind='empty'
        id='cannot-post'
        title={`最多同时 ${mine.maxOpen} 个心愿`}
        detail='您未完成的心愿已经到了上限。等其中一个实现或撤回后，就可以再许一个。'
        actionText='看看我的心愿'
        onAction={() => void Taro.redirectTo({ url: '/pkg-wishes/mine/index' })}
      />
    );
  }

  const fieldError = fieldErrorOf('wish', errors);

  return (
    <View className='page wish' id='wish-form'>
      <FormHead
        block='wish'
        returnNote={editing?.staffNote}
        title='许个心愿'
        hint={<>写下一件想要的东西，工会审核后会显示在心愿墙上（只显示职业和城市）。最多同时 {mine.maxOpen} 个未完成的心愿。请不要写姓名、电话、住址。</>}
      />

      <View className='card'>
        <View className='wish__field'>
          <Text className='wish__label'>心愿</Text>
          <Input
            className={`wish__input ${errors.title ? 'wish__input--error' : ''}`}
            id='field-title'
            value={title}
            maxlength={TITLE_MAX}
            placeholder='如：给女儿买一双轮滑鞋'
            onInput={(e) => setTitle(e.detail.value)}
          />
          <Counter text={title} max={TITLE_MAX} id='title-count' />
          {fieldError('title')}
        </View>
        <View className='wish__field'>
          <Text className='wish__label'>心愿故事</Text>
          <CountedTextarea id='field-story' counterId='story-count' value={story} max={STORY_MAX} placeholder='为什么想要它？简单说说就好。' error={!!errors.story} onInput={setStory} />
          {fieldError('story')}
        </View>
        <View className='wish__field'>
          <Text className='wish__label'>类别</Text>
          <View className='wish__chips' id='field-category'>
            {WISH_CATEGORIES.map((c) => (
              <View key={c} id={`category-${c}`} className={`wish__chip ${category === c ? 'wish__chip--on' : ''}`} onClick={() => setCategory(c)}>
                {WISH_CATEGORY_LABELS[c]}
              </View>
            ))}
          </View>
          {fieldError('category')}
        </View>
        <View className='wish__field'>
          <Text className='wish__label'>预估价值（元）</Text>
          <Input
            className={`wish__input ${errors.valueFen ? 'wish__input--error' : ''}`}
            id='field-value'
            type='digit'
            value={value}
            maxlength={8}
            placeholder={`不超过 ${mine.maxValueFen / 100} 元`}
            onInput={(e) => setValue(e.detail.value)}
          />
          <Text className='wish__hint'>最多 {yuan(mine.maxValueFen)}</Text>
          {fieldError('valueFen')}
        </View>
      </View>

      <View className='card'>
        <Text className='wish__label'>怎么交接</Text>
        <View className='wish__chips' id='field-handover'>
          <View id='handover-station' className={`wish__chip ${handover === 'station' ? 'wish__chip--on' : ''}`} onClick={() => setHandover('station')}>
            到驿站取
          </View>
          <View id='handover-staff' className={`wish__chip ${handover === 'staff' ? 'wish__chip--on' : ''}`} onClick={() => setHandover('staff')}>
            由工会工作人员转交
          </View>
        </View>
        {handover === 'station' ? <StationPicker value={station} onChange={setStation} /> : null}
        {handover === 'staff' ? <Text className='wish__hint'>爱心人士把物品交给所在地工会，工作人员再转交给您。</Text> : null}
        {fieldError('handover')}
      </View>

      <SubmitRow block='wish' id='submit-wish' label={editing ? '修改后重新提交' : '提交心愿'} busy={busy} error={errors.form} onSubmit={submit} />
    </View>
  );
}
