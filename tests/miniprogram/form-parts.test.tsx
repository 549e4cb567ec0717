import { fireEvent, render, waitFor } from '@testing-library/react';
import { commonMessages, VolunteerBody } from '@yz/shared';
import { ConsentBox, FormHead, SubmitRow, TextField } from '../../miniprogram/src/components/FormParts';
import { ApiError } from '../../miniprogram/src/services/api';
import { issuesByField, refusalByField } from '../../miniprogram/src/services/form-errors';

/**
 * The form parts the member, wish, volunteer and hardship forms share, and the messages they show:
 * rendered on their own with Taro's H5 components in jsdom.
 */

describe('issuesByField', () => {
  test("the schema's first message for each field, the whole form's under 'form'", () => {
    const parsed = VolunteerBody.safeParse({ name: '', mobile: '123', consent: false, consentVersion: 'v0' });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;

    const found = issuesByField(parsed.error.issues);

    const firstOf = (field: string) => parsed.error.issues.find((i) => i.path[0] === field)?.message;
    expect(found.name).toBe(firstOf('name'));
    expect(found.mobile).toBe(firstOf('mobile'));
    expect(Object.keys(found).sort()).toEqual([...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'form')))].sort());
    expect(issuesByField([{ path: [], message: '两项至少填一项' }])).toEqual({ form: '两项至少填一项' });
  });

  test('with depth 2 a field inside a list keeps its index', () => {
    const issues = [
      { path: ['members', 1, 'name'], message: '请填写姓名' },
      { path: ['members', 1, 'age'], message: '请填写年龄' },
      { path: ['members', 0], message: '不完整' },
    ];

    expect(issuesByField(issues, 2)).toEqual({ 'members.1': '请填写姓名', 'members.0': '不完整' });
    expect(issuesByField(issues)).toEqual({ members: '请填写姓名' });
  });
});

describe('refusalByField', () => {
  test("under the field the server named, cut to `depth` steps when asked; otherwise the whole form's", () => {
    const refused = new ApiError(400, 'VALIDATION_FAILED', '手机号格式不对', 'handover.stationId');

    expect(refusalByField(refused)).toEqual({ 'handover.stationId': '手机号格式不对' });
    expect(refusalByField(refused, 1)).toEqual({ handover: '手机号格式不对' });
    expect(refusalByField(new ApiError(409, 'WISH_ALREADY_CLAIMED', '已被认领'))).toEqual({ form: '已被认领' });
    expect(refusalByField(new TypeError('boom'))).toEqual({ form: commonMessages.INTERNAL });
  });
});

describe('FormParts', () => {
  test('FormHead: the return note when staff sent the form back, else the title and help', () => {
    const returned = render(<FormHead block='member' returnNote='请核对工作单位' returnedHint='请重新填写手机号。' title='加入工会' hint='两分钟填完' />);
    expect(returned.container.querySelector('#return-note')?.textContent).toBe('请核对工作单位');
    expect(returned.container.querySelector('.member__note')).not.toBeNull();
    expect(returned.container.textContent).toContain('请重新填写手机号。');
    expect(returned.container.textContent).not.toContain('加入工会');

    const fresh = render(<FormHead block='wish' returnNote={null} title='许个心愿' hint='写下一件想要的东西' />);
    expect(fresh.container.querySelector('#return-note')).toBeNull();
    expect(fresh.container.querySelector('.wish__title')?.textContent).toBe('许个心愿');
    expect(fresh.container.querySelector('.wish__hint')?.textContent).toBe('写下一件想要的东西');
  });

  test('TextField: red with its message when refused, and what is typed goes to onInput', async () => {
    const onInput = jest.fn();
    const { container, rerender } = render(<TextField block='wish' field='mobile' label='手机号' type='number' value='' maxlength={11} placeholder='11 位手机号' onInput={onInput} />);

    const input = container.querySelector('#field-mobile');
    expect(input?.className).not.toContain('wish__input--error');
    expect(container.querySelector('#error-mobile')).toBeNull();

    // Taro's H5 <Input> renders the real <input> inside its own element once mounted.
    await waitFor(() => expect(container.querySelector('#field-mobile input')).not.toBeNull());
    const inner = container.querySelector('#field-mobile input') as HTMLInputElement;
    inner.value = '138';
    fireEvent.input(inner, { target: { value: '138' } });
    expect(onInput).toHaveBeenLastCalledWith('138');

    rerender(<TextField block='wish' field='mobile' label='手机号' type='number' value='138' maxlength={11} placeholder='11 位手机号' error='请填写 11 位手机号' onInput={onInput} />);
    expect(container.querySelector('#field-mobile')?.className).toContain('wish__input--error');
    expect(container.querySelector('#error-mobile')?.textContent).toBe('请填写 11 位手机号');
  });

  test('ConsentBox: ticked shows ✓ and --on; a tap asks to toggle', () => {
    const onToggle = jest.fn();
    const { container, rerender } = render(
      <ConsentBox block='hs' checked={false} onToggle={onToggle}>
        我已阅读并同意
      </ConsentBox>,
    );
    expect(container.querySelector('.hs__box--on')).toBeNull();
    fireEvent.click(container.querySelector('#field-consent')!);
    expect(onToggle).toHaveBeenCalledTimes(1);

    rerender(
      <ConsentBox block='hs' checked onToggle={onToggle}>
        我已阅读并同意
      </ConsentBox>,
    );
    expect(container.querySelector('.hs__box--on')?.textContent).toBe('✓');
  });

  test('SubmitRow: the form-wide message, and a button that says it is sending while busy', () => {
    const onSubmit = jest.fn();
    const { container, rerender } = render(<SubmitRow block='member' id='submit-application' label='提交申请' busy={false} error='网络不太好' onSubmit={onSubmit} />);
    expect(container.querySelector('#error-form')?.className).toBe('member__error card');
    fireEvent.click(container.querySelector('#submit-application')!);
    expect(onSubmit).toHaveBeenCalledTimes(1);

    rerender(<SubmitRow block='member' id='submit-application' label='提交申请' busy onSubmit={onSubmit} />);
    expect(container.querySelector('#error-form')).toBeNull();
    expect(container.querySelector('#submit-application')?.textContent).toContain('正在提交…');
  });
});
