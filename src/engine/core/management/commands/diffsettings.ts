// `manage.py diffsettings`: the project's settings next to Django's defaults (or another settings
// module's), compared by repr() as Django compares them.

import { ProjectImporter, type LoadedProject } from '../../../apps/loader';
import { GLOBAL_SETTINGS_REPR } from '../../../conf/global_settings';
import { Settings } from '../../../conf/settings';
import { pyRepr } from '../../../python/protocol';
import { PyException } from '../../../python/values';
import type { ArgumentParser } from '../argparse';
import { BaseCommand, pyStrCompare, type Options } from '../base';

type SettingsDict = Map<string, string>;

/** A settings object as name -> repr: the global defaults, the module's own names, SETTINGS_MODULE. */
export function settingsDict(settings: Settings, moduleName: string): SettingsDict {
  const out = new Map(GLOBAL_SETTINGS_REPR);
  for (const [name, value] of settings.explicit) out.set(name, pyRepr(value));
  out.set('SETTINGS_MODULE', pyRepr(moduleName));
  return out;
}

export function moduleNameOf(file: string): string {
  return file.replace(/\.py$/, '').replace(/\//g, '.');
}

export class DiffsettingsCommand extends BaseCommand {
  override help = "Displays differences between the current settings.py and Django's\n    default settings.";
  override requiresSystemChecks: string[] = [];

  override addArguments(parser: ArgumentParser): void {
    parser.addArgument('--all', {
      action: 'store_true',
      help: 'Display all settings, regardless of their value. In "hash" mode, default values are prefixed by "###".',
    });
    parser.addArgument('--default', {
      metavar: 'MODULE',
      help: "The settings module to compare the current settings against. Leave empty to compare against Django's default settings.",
    });
    parser.addArgument('--output', {
      default: 'hash',
      choices: ['hash', 'unified'],
      help:
        "Selects the output format. 'hash' mode displays each changed setting, with the settings that don't appear in the " +
        "defaults followed by ###. 'unified' mode prefixes the default setting with a minus sign, followed by the changed " +
        'setting prefixed with a plus sign.',
    });
  }

  handle(options: Options): string {
    const env = this.env as typeof this.env & { project?: LoadedProject };
    if (!env.project) env.setup();
    const loaded = env.project!;
    const user = settingsDict(loaded.settings, moduleNameOf(loaded.settings.file));
    const defaultModule = options.default as string | null | undefined;
    const defaults = defaultModule ? this.otherSettings(loaded, defaultModule) : GLOBAL_SETTINGS_REPR;
    const all = !!options.all;
    const lines = options.output === 'unified' ? this.unified(user, defaults, all) : hashLines(user, defaults, all);
    return lines.join('\n');
  }

  /** Settings(MODULE): another settings module of the project, imported as Python imports it. */
  private otherSettings(loaded: LoadedProject, name: string): SettingsDict {
    const importer = new ProjectImporter(this.env.files);
    for (const [n, mod] of loaded.modules) importer.modules.set(n, mod);
    // Python imported the project's settings module already: `from settings import *` shares its values.
    if (loaded.settings.module) importer.modules.set(moduleNameOf(loaded.settings.file), loaded.settings.module);
    const parts = name.split('.');
    let mod;
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      mod = importer.importModule(prefix);
      if (!mod) throw new PyException('ModuleNotFoundError', `No module named '${prefix}'`);
    }
    return settingsDict(new Settings(`${name.replace(/\./g, '/')}.py`, mod!), name);
  }

  private unified(user: SettingsDict, defaults: ReadonlyMap<string, string>, all: boolean): string[] {
    const out: string[] = [];
    for (const key of [...user.keys()].sort(pyStrCompare)) {
      const value = user.get(key)!;
      const def = defaults.get(key);
      if (def === undefined) out.push(this.style.SUCCESS(`+ ${key} = ${value}`));
      else if (value !== def) out.push(this.style.ERROR(`- ${key} = ${def}`), this.style.SUCCESS(`+ ${key} = ${value}`));
      else if (all) out.push(`  ${key} = ${value}`);
    }
    return out;
  }
}

/** postconf -n style: changed settings, `###` after the ones the defaults lack (before the rest with --all). */
export function hashLines(user: SettingsDict, defaults: ReadonlyMap<string, string>, all: boolean): string[] {
  const out: string[] = [];
  for (const key of [...user.keys()].sort(pyStrCompare)) {
    const value = user.get(key)!;
    const def = defaults.get(key);
    if (def === undefined) out.push(`${key} = ${value}  ###`);
    else if (value !== def) out.push(`${key} = ${value}`);
    else if (all) out.push(`### ${key} = ${value}`);
  }
  return out;
}
