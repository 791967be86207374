// django.conf.SettingsReference: a string that remembers it came from a setting, so the
// migration writer prints `settings.AUTH_USER_MODEL` instead of 'auth.user'.

import { PyInstance, type PyValue } from '../python/values';
import { nativeClass, pyStrRepr } from '../utils/py';

export class SettingsReferenceValue {
  constructor(
    readonly value: string,
    readonly settingName: string,
  ) {}
}

export const SettingsReference = nativeClass('SettingsReference', 'django.conf', [], {
  repr: (self) => pyStrRepr((self.native as SettingsReferenceValue).value),
  str: (self) => (self.native as SettingsReferenceValue).value,
  eq: (self, other) => {
    const v = (self.native as SettingsReferenceValue).value;
    if (typeof other === 'string') return other === v;
    return other instanceof PyInstance && other.native instanceof SettingsReferenceValue && other.native.value === v;
  },
  hash: (self) => 's:' + (self.native as SettingsReferenceValue).value,
  getAttr: (self, name) => (name === 'setting_name' ? (self.native as SettingsReferenceValue).settingName : undefined),
});

export function settingsReference(value: string, settingName: string): PyInstance {
  return new PyInstance(SettingsReference, new SettingsReferenceValue(value, settingName));
}

/** The setting name when `v` is a SettingsReference, else undefined. */
export function settingsReferenceOf(v: PyValue): SettingsReferenceValue | undefined {
  return v instanceof PyInstance && v.native instanceof SettingsReferenceValue ? v.native : undefined;
}
