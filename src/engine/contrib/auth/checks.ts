// The checks django.contrib.auth registers besides the user model's: custom and builtin
// permissions (auth.E005-E008, auth.E011, auth.E012) and the middleware order (auth.E013).

import { PyException, PyList, PyTuple, type PyValue } from '../../python/values';
import { len as pyLen, toArray } from '../../python/protocol';
import type { Apps } from '../../apps/registry';
import { metaOf, type ModelClass } from '../../db/models/fields/index';
import { pyStr } from '../../utils/py';
import { CheckMessage, Error_, type CheckTarget } from '../../core/checks/messages';
import type { SettingsLike } from '../../core/checks/model_checks';

/** Permission.name and Permission.codename max_length when auth.Permission cannot be read. */
const NAME_MAX = 255;
const CODENAME_MAX = 100;

/**
 * A model as the permission checks' target: printed as its label, located at the Meta option
 * the message is about (permissions, verbose_name) when the model's own module sets it.
 */
export function metaOptionTarget(model: ModelClass, option: string | null): CheckTarget {
  const meta = metaOf(model)!;
  return {
    checkLabel: () => meta.label,
    checkLocation: () => {
      if (!meta.file) return undefined;
      const line = option ? optionLine(model, option) : undefined;
      return { file: meta.file, line: line ?? meta.lineno };
    },
  };
}

function optionLine(model: ModelClass, option: string): number | undefined {
  const metaClass = metaOf(model)!.meta;
  if (!metaClass) return undefined;
  for (const c of metaClass.mro) {
    if (c.module !== model.module) continue;
    const line = c.attrLines.get(option);
    if (line) return line;
  }
  return undefined;
}

function maxLength(apps: Apps, field: string, fallback: number): number {
  const perm = apps.getRegisteredModel('auth', 'permission');
  const f = perm ? metaOf(perm)?.tryGetField(field) : undefined;
  const n = f ? Number(f.maxLength) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Unpacks one `(codename, name)` entry of Meta.permissions the way a Python for loop would. */
function unpackPair(entry: PyValue): [PyValue, PyValue] {
  const items = toArray(entry);
  if (items.length > 2) throw new PyException('ValueError', 'too many values to unpack (expected 2)');
  if (items.length < 2) throw new PyException('ValueError', `not enough values to unpack (expected 2, got ${items.length})`);
  return [items[0], items[1]];
}

/** Runs `f`; a Python error it raises points at Meta.permissions (the editor marks that line). */
function atPermissions<T>(target: CheckTarget, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const loc = target.checkLocation?.();
    if (e instanceof PyException && loc && !e.filename) {
      e.filename = loc.file;
      e.lineno = loc.line;
    }
    throw e;
  }
}

const text = (v: PyValue): string => (typeof v === 'string' ? v : pyStr(v));

/** (codename, name) of the permissions Django creates for a model by itself. */
export function builtinPermissions(model: ModelClass): [string, string][] {
  const meta = metaOf(model)!;
  const verbose = pyStr(meta.verboseName);
  return toArray(meta.defaultPermissions).map((action) => [`${text(action)}_${meta.modelName}`, `Can ${text(action)} ${verbose}`]);
}

function modelsToCheck(apps: Apps, appLabels?: string[]): ModelClass[] {
  if (!appLabels) return apps.getModels();
  return appLabels.flatMap((l) => apps.getAppModels(l)).filter((m) => !metaOf(m)!.swapped);
}

/** check_models_permissions. Throws Python's ValueError/TypeError for a malformed Meta.permissions, as Django does. */
export function checkModelsPermissions(apps: Apps, appLabels?: string[]): CheckMessage[] {
  if (!apps.isInstalled('django.contrib.auth')) return [];
  const nameMax = maxLength(apps, 'name', NAME_MAX);
  const codenameMax = maxLength(apps, 'codename', CODENAME_MAX);
  const errors: CheckMessage[] = [];
  for (const model of modelsToCheck(apps, appLabels)) {
    const meta = metaOf(model)!;
    const builtin = new Map(builtinPermissions(model));
    const longestName = Math.max(0, ...[...builtin.values()].map((n) => n.length));
    if (longestName > nameMax) {
      const allowed = nameMax - (longestName - pyStr(meta.verboseName).length);
      errors.push(
        Error_(
          `The verbose_name of model '${meta.label}' must be at most ${allowed} characters for its builtin permission names to be at most ${nameMax} characters.`,
          { obj: metaOptionTarget(model, 'verbose_name'), id: 'auth.E007' },
        ),
      );
    }
    const longestCodename = Math.max(0, ...[...builtin.keys()].map((c) => c.length));
    if (longestCodename > codenameMax) {
      const allowed = codenameMax - (longestCodename - meta.modelName.length);
      errors.push(
        Error_(
          `The name of model '${meta.label}' must be at most ${allowed} characters for its builtin permission codenames to be at most ${codenameMax} characters.`,
          { obj: metaOptionTarget(model, null), id: 'auth.E011' },
        ),
      );
    }
    const obj = metaOptionTarget(model, 'permissions');
    const seen = new Set<string>();
    for (const entry of atPermissions(obj, () => toArray(meta.permissions))) {
      const [codenameV, nameV] = atPermissions(obj, () => unpackPair(entry));
      const codename = text(codenameV);
      if (pyLen(nameV) > nameMax)
        errors.push(Error_(`The permission named '${text(nameV)}' of model '${meta.label}' is longer than ${nameMax} characters.`, { obj, id: 'auth.E008' }));
      if (pyLen(codenameV) > codenameMax)
        errors.push(Error_(`The permission codenamed '${codename}' of model '${meta.label}' is longer than ${codenameMax} characters.`, { obj, id: 'auth.E012' }));
      if (builtin.has(codename))
        errors.push(Error_(`The permission codenamed '${codename}' clashes with a builtin permission for model '${meta.label}'.`, { obj, id: 'auth.E005' }));
      else if (seen.has(codename))
        errors.push(Error_(`The permission codenamed '${codename}' is duplicated for model '${meta.label}'.`, { obj, id: 'auth.E006' }));
      seen.add(codename);
    }
  }
  return errors;
}

const LOGIN_REQUIRED = 'django.contrib.auth.middleware.LoginRequiredMiddleware';
const AUTHENTICATION = 'django.contrib.auth.middleware.AuthenticationMiddleware';

/** check_middleware (auth.E013): registered without tags, so only a full `check` runs it. */
export function checkAuthMiddleware(settings: SettingsLike): CheckMessage[] {
  const mw = settings.get('MIDDLEWARE');
  const paths = mw instanceof PyList || mw instanceof PyTuple ? mw.items.map((x) => text(x)) : [];
  const loginRequired = paths.indexOf(LOGIN_REQUIRED);
  if (loginRequired === -1) return [];
  const auth = paths.indexOf(AUTHENTICATION);
  if (auth === -1 || auth > loginRequired)
    return [
      Error_(
        `In order to use ${LOGIN_REQUIRED}, ${AUTHENTICATION} must be defined before it in MIDDLEWARE.`,
        { id: 'auth.E013' },
      ),
    ];
  return [];
}
