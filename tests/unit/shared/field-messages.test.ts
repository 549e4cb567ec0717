import { ApplicationBody, WishBody } from '@yz/shared';

/** Messages under a form's fields say what to do, not what a schema found missing. */

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[String(issue.path[0])] ??= issue.message;
  return out;
}

test('an empty 入会 form asks for each field by name', () => {
  const found = messages(ApplicationBody.safeParse({ name: '' }));
  expect(found.name).toBe('请填写姓名');
  expect(found.occupation).toBe('请选择职业');
  // consentVersion is the app's to send, not a field a person fills in.
  const { consentVersion: _sentByTheApp, ...typed } = found;
  expect(Object.values(typed).join('')).not.toMatch(/缺少/);
});

test('a one-character name is told the rule, an unknown choice is asked again', () => {
  const found = messages(ApplicationBody.safeParse({ name: '王', occupation: 'astronaut' }));
  expect(found.name).toBe('姓名至少 2 个字');
  expect(found.occupation).toBe('职业“astronaut”不在可选范围内，请重新选择');
});

test('an empty wish title asks for it', () => {
  const found = messages(WishBody.safeParse({ title: '   ' }));
  expect(found.title).toMatch(/^请填写/);
  expect(found.category).toMatch(/^请选择/);
});
