// The checks on the language settings: LANGUAGE_CODE, LANGUAGES and LANGUAGES_BIDI must be
// language tags (translation.E001-E003), and LANGUAGE_CODE must have a variant in LANGUAGES
// that Django has translations for (translation.E004).

import { err, iterate, pyRepr, typeName } from '../../python/protocol';
import { PyTuple, type PyValue } from '../../python/values';
import { Error_, type CheckMessage } from './messages';
import type { SettingsLike } from './model_checks';
import { setting, settingsCheck, type SettingsCheck } from './settings_check';

const LANGUAGE_TAG = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*(?:@[a-z0-9]{1,20})?$/i;
const MAX_LENGTH = 500;

/** django/conf/locale: the locales Django ships a catalog for. */
const CATALOGS = new Set(
  ('af ar ar_DZ ast az be bg bn br bs ca ckb cs cy da de de_CH dsb el en en_AU en_CA en_GB en_IE eo es es_AR es_CO ' +
    'es_MX es_NI es_PR es_VE et eu fa fi fr fr_BE fr_CA fr_CH fy ga gd gl he hi hr hsb hu hy ia id ig io is it ja ka ' +
    'kab kk km kn ko ky lb lt lv mk ml mn mr ms my nb ne nl nn os pa pl pt pt_BR ro ru sk sl sq sr sr_Latn sv sw ta te ' +
    'tg th tk tr tt udm ug uk ur uz vi zh_Hans zh_Hant').split(' '),
);

/** LANG_INFO's special fallbacks (the other codes fall back by dropping their last part). */
const FALLBACK: Record<string, string> = {
  'zh-cn': 'zh-hans',
  'zh-hk': 'zh-hant',
  'zh-mo': 'zh-hant',
  'zh-my': 'zh-hans',
  'zh-sg': 'zh-hans',
  'zh-tw': 'zh-hant',
};

const isTag = (v: PyValue): boolean => typeof v === 'string' && LANGUAGE_TAG.test(v);

/** to_locale: en-us -> en_US, sr-latn -> sr_Latn. */
function toLocale(code: string): string {
  const lower = code.toLowerCase();
  const dash = lower.indexOf('-');
  if (dash < 0) return code.slice(0, 3).toLowerCase() + code.slice(3);
  const lang = lower.slice(0, dash);
  let country = lower.slice(dash + 1);
  const more = country.indexOf('-');
  const tail = more < 0 ? '' : country.slice(more);
  if (more >= 0) country = country.slice(0, more);
  country = country.length > 2 ? country[0].toUpperCase() + country.slice(1) : country.toUpperCase();
  return `${lang}_${country}${tail}`;
}

/** Whether gettext finds Django's catalog for the code (the locale itself or its language). */
function catalogExists(code: string): boolean {
  if (code.length > MAX_LENGTH || !LANGUAGE_TAG.test(code)) return false;
  const locale = toLocale(code);
  return CATALOGS.has(locale) || CATALOGS.has(locale.split('_')[0]);
}

/** get_supported_language_variant (not strict): whether LANGUAGE_CODE has a usable variant. */
function hasSupportedVariant(code: string, languages: Set<string>): boolean {
  if (!code || code.length > MAX_LENGTH) return false;
  const possible = [code];
  if (FALLBACK[code]) possible.push(FALLBACK[code]);
  for (let i = code.lastIndexOf('-'); i > -1; i = code.lastIndexOf('-', i - 1)) possible.push(code.slice(0, i));
  if (possible.some((c) => languages.has(c.toLowerCase()) && catalogExists(c))) return true;
  const generic = possible[possible.length - 1];
  return [...languages].some((c) => c.startsWith(`${generic}-`));
}

function languageCodes(s: SettingsLike): PyValue[] {
  return [...iterate(setting(s, 'LANGUAGES'))].map((pair) => (pair instanceof PyTuple ? pair.items[0] : [...iterate(pair)][0]));
}

export const TRANSLATION_CHECKS: SettingsCheck[] = [
  settingsCheck(['translation'], false, (s) => {
    const tag = setting(s, 'LANGUAGE_CODE');
    return isTag(tag) ? [] : [Error_(`You have provided an invalid value for the LANGUAGE_CODE setting: ${pyRepr(tag)}.`, { id: 'translation.E001' })];
  }),
  settingsCheck(['translation'], false, (s): CheckMessage[] =>
    languageCodes(s)
      .filter((tag) => !isTag(tag))
      .map((tag) => Error_(`You have provided an invalid language code in the LANGUAGES setting: ${pyRepr(tag)}.`, { id: 'translation.E002' })),
  ),
  settingsCheck(['translation'], false, (s): CheckMessage[] =>
    [...iterate(setting(s, 'LANGUAGES_BIDI'))]
      .filter((tag) => !isTag(tag))
      .map((tag) => Error_(`You have provided an invalid language code in the LANGUAGES_BIDI setting: ${pyRepr(tag)}.`, { id: 'translation.E003' })),
  ),
  settingsCheck(['translation'], false, (s) => {
    const code = setting(s, 'LANGUAGE_CODE');
    // get_languages() lower-cases every code; a code that is not a str breaks it.
    const languages = new Set(
      languageCodes(s).map((c) => {
        if (typeof c !== 'string') throw err('AttributeError', `'${typeName(c)}' object has no attribute 'lower'`);
        return c.toLowerCase();
      }),
    );
    if (typeof code === 'string' && hasSupportedVariant(code, languages)) return [];
    return [Error_('You have provided a value for the LANGUAGE_CODE setting that is not in the LANGUAGES setting.', { id: 'translation.E004' })];
  }),
];
