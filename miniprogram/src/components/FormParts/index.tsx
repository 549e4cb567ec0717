import { Button, Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/**
 * The parts the subpackages' forms share (入会申请, 许愿 and 志愿者登记, 困难帮扶申请). Each takes `block`,
 * the page's class block (`member`, `wish`, `hs`), whose `__…` classes (the styles/_form.scss mixins)
 * style it, so every form keeps its own class names.
 */

/**
 * The top card of a form staff can send back: when it was returned, what staff asked to change
 * (`#return-note`) and `returnedHint`; otherwise the form's title and help.
 */
export function FormHead(props: { block: string; returnNote?: string | null; returnedHint?: ReactNode; title: string; hint: ReactNode }) {
  const { block, returnNote } = props;
  return returnNote ? (
    <View className='card'>
      <Text className={`${block}__label`}>工作人员的修改意见</Text>
      <Text className={`${block}__note`} id='return-note'>
        {returnNote}
      </Text>
      {props.returnedHint ? <Text className={`${block}__hint`}>{props.returnedHint}</Text> : null}
    </View>
  ) : (
    <View className='card'>
      <Text className={`${block}__title`}>{props.title}</Text>
      <Text className={`${block}__hint`}>{props.hint}</Text>
    </View>
  );
}

function FieldError({ block, field, error }: { block: string; field: string; error?: string }) {
  return error ? (
    <Text className={`${block}__error`} id={`error-${field}`}>
      {error}
    </Text>
  ) : null;
}

/** `fieldError(f)`: a field's message in red under it (`#error-<field>`), or nothing. */
export function fieldErrorOf<F extends string>(block: string, errors: Partial<Record<F, string>>) {
  return (f: F) => <FieldError block={block} field={f} error={errors[f]} />;
}

interface InputProps {
  block: string;
  /** The body's field: the input is `#field-<field>`, its message `#error-<field>`. */
  field: string;
  value: string;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  maxlength: number;
  placeholder: string;
  onInput: (value: string) => void;
}

/** A one-line input, red when its value was refused (`error`, its message). */
export function FieldInput({ block, field, error, type, ...props }: InputProps & { error?: string }) {
  return (
    <Input
      className={`${block}__input ${error ? `${block}__input--error` : ''}`}
      id={`field-${field}`}
      type={type ?? 'text'}
      value={props.value}
      maxlength={props.maxlength}
      placeholder={props.placeholder}
      onInput={(e) => props.onInput(e.detail.value)}
    />
  );
}

/** A labelled one-line field: its input, the message when refused, then `children` (what was read from it). */
export function TextField({ label, error, children, ...props }: InputProps & { label: string; error?: string; children?: ReactNode }) {
  return (
    <View className={`${props.block}__field`}>
      <Text className={`${props.block}__label`}>{label}</Text>
      <FieldInput {...props} error={error} />
      <FieldError block={props.block} field={props.field} error={error} />
      {children}
    </View>
  );
}

/** The end of a form: the message about the whole form (`#error-form`), then the submit button. */
export function SubmitRow({ block, id, label, busy, error, onSubmit }: { block: string; id: string; label: string; busy: boolean; error?: string; onSubmit: () => void }) {
  return (
    <>
      {error ? (
        <Text className={`${block}__error card`} id='error-form'>
          {error}
        </Text>
      ) : null}
      <View className={`${block}__submit`}>
        <Button className='btn' id={id} disabled={busy} onClick={onSubmit}>
          {busy ? '正在提交…' : label}
        </Button>
      </View>
    </>
  );
}

/** A consent's notice (`#consent-notice`): its title, then its paragraphs in grey small print. */
export function ConsentNotice({ block, notice }: { block: string; notice: { title: string; body: readonly string[] } }) {
  return (
    <>
      <Text className={`${block}__label`}>{notice.title}</Text>
      <View className={`${block}__notice`} id='consent-notice'>
        {notice.body.map((line) => (
          <Text key={line}>{line}</Text>
        ))}
      </View>
    </>
  );
}

/** The box to tick for a consent (`#field-consent`), and what ticking it says. */
export function ConsentBox({ block, checked, onToggle, children }: { block: string; checked: boolean; onToggle: () => void; children: ReactNode }) {
  return (
    <View className={`${block}__consent`} id='field-consent' onClick={onToggle}>
      <View className={`${block}__box ${checked ? `${block}__box--on` : ''}`}>{checked ? '✓' : ''}</View>
      <Text>{children}</Text>
    </View>
  );
}
