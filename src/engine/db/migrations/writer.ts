// Writes a Migration as the Python file Django 5.2 would write (MigrationWriter, OperationWriter).

import { PyDict, PyList, PyTuple } from '../../python/values';
import type { Operation } from './operations/base';
import { registerOperationWriter, serialize, strCompare, type Serialized, type SerializableOperation } from './serializer';

export const DJANGO_VERSION = '5.2.18';

/** What the writer needs from a migration. */
export interface WritableMigration {
  name: string;
  appLabel: string;
  operations: Operation[];
  /** [app, name]; app '__setting__' means a swappable dependency on settings.<name>. */
  dependencies: [string, string][];
  replaces: [string, string][];
  initial: boolean | null;
}

class OperationWriter {
  private buff: string[] = [];
  constructor(
    private readonly operation: Operation,
    private indentation = 2,
  ) {}

  serialize(): Serialized {
    const imports = new Set<string>();
    const op = this.operation;
    const addAll = (s: Set<string>) => {
      for (const x of s) imports.add(x);
    };
    const write = (argName: string, argValue: unknown) => {
      const expandable =
        argValue instanceof PyDict || argValue instanceof Map || argValue instanceof PyList || argValue instanceof PyTuple || Array.isArray(argValue);
      if (op.serializationExpandArgs.includes(argName) && expandable) {
        if (argValue instanceof PyDict || argValue instanceof Map) {
          const entries = argValue instanceof PyDict ? argValue.items() : [...argValue.entries()];
          this.feed(`${argName}={`);
          this.indent();
          for (const [key, value] of entries) {
            const [ks, ki] = serialize(key);
            const [vs, vi] = serialize(value);
            const lines = vs.split('\n');
            if (lines.length > 1) {
              this.feed(`${ks}: ${lines[0]}`);
              for (const l of lines.slice(1, -1)) this.feed(l);
              this.feed(`${lines[lines.length - 1]},`);
            } else this.feed(`${ks}: ${vs},`);
            addAll(ki);
            addAll(vi);
          }
          this.unindent();
          this.feed('},');
        } else {
          const items = Array.isArray(argValue) ? argValue : (argValue as PyList | PyTuple).items;
          this.feed(`${argName}=[`);
          this.indent();
          for (const item of items) {
            const [s, im] = serialize(item);
            const lines = s.split('\n');
            if (lines.length > 1) {
              for (const l of lines.slice(0, -1)) this.feed(l);
              this.feed(`${lines[lines.length - 1]},`);
            } else this.feed(`${s},`);
            addAll(im);
          }
          this.unindent();
          this.feed('],');
        }
      } else {
        const [s, im] = serialize(argValue);
        const lines = s.split('\n');
        if (lines.length > 1) {
          this.feed(`${argName}=${lines[0]}`);
          for (const l of lines.slice(1, -1)) this.feed(l);
          this.feed(`${lines[lines.length - 1]},`);
        } else this.feed(`${argName}=${s},`);
        addAll(im);
      }
    };

    const [name, args, kwargs] = op.deconstruct();
    const argNames = op.constructorArgNames;
    if (op.pythonModule === 'django.db.migrations') {
      this.feed(`migrations.${name}(`);
    } else {
      imports.add(`import ${op.pythonModule}`);
      this.feed(`${op.pythonModule}.${name}(`);
    }
    this.indent();
    args.forEach((a, i) => write(argNames[i], a));
    for (const argName of argNames.slice(args.length)) {
      if (kwargs.has(argName)) write(argName, kwargs.get(argName));
    }
    this.unindent();
    this.feed('),');
    return [this.buff.join('\n'), imports];
  }

  private indent() {
    this.indentation++;
  }
  private unindent() {
    this.indentation--;
  }
  private feed(line: string) {
    this.buff.push(' '.repeat(this.indentation * 4) + line);
  }
}

export function serializeOperation(op: Operation, indentation = 2): Serialized {
  return new OperationWriter(op, indentation).serialize();
}

registerOperationWriter((op: SerializableOperation, indentation: number) => serializeOperation(op as unknown as Operation, indentation));

/** "YYYY-MM-DD HH:MM" in UTC (settings.USE_TZ is on in every playground project). */
export function migrationTimestamp(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getUTCFullYear()}-${p(now.getUTCMonth() + 1)}-${p(now.getUTCDate())} ${p(now.getUTCHours())}:${p(now.getUTCMinutes())}`;
}

export interface WriterOptions {
  includeHeader?: boolean;
  now?: Date;
}

export class MigrationWriter {
  needsManualPorting = false;

  constructor(
    readonly migration: WritableMigration,
    readonly options: WriterOptions = {},
  ) {}

  get filename(): string {
    return `${this.migration.name}.py`;
  }

  /** The file's path in the project: '<app>/migrations/<name>.py'. */
  path(appDir: string = this.migration.appLabel): string {
    return `${appDir}/migrations/${this.filename}`;
  }

  asString(): string {
    const imports = new Set<string>();
    const operations: string[] = [];
    for (const op of this.migration.operations) {
      const [s, im] = serializeOperation(op);
      for (const x of im) imports.add(x);
      operations.push(s);
    }
    const operationsStr = operations.length ? operations.join('\n') + '\n' : '';

    const dependencies: string[] = [];
    for (const dep of this.migration.dependencies) {
      if (dep[0] === '__setting__') {
        dependencies.push(`        migrations.swappable_dependency(settings.${dep[1]}),`);
        imports.add('from django.conf import settings');
      } else {
        dependencies.push(`        ${serialize(new PyTuple(dep))[0]},`);
      }
    }
    dependencies.sort(strCompare);
    const dependenciesStr = dependencies.length ? dependencies.join('\n') + '\n' : '';

    const migrationImports = new Set<string>();
    for (const line of [...imports]) {
      if (/^import (.*)\.\d+[^\s]*$/.test(line)) {
        migrationImports.add(line.split('import')[1].trim());
        imports.delete(line);
        this.needsManualPorting = true;
      }
    }
    if (imports.has('from django.db import models')) {
      imports.delete('from django.db import models');
      imports.add('from django.db import migrations, models');
    } else {
      imports.add('from django.db import migrations');
    }
    const sortedImports = [...imports].sort((a, b) => {
      const ka = a.split(/\s+/);
      const kb = b.split(/\s+/);
      const fa = ka[0] === 'from' ? 1 : 0;
      const fb = kb[0] === 'from' ? 1 : 0;
      return fa - fb || strCompare(ka[1], kb[1]);
    });
    let importsStr = sortedImports.join('\n') + '\n';
    if (migrationImports.size) {
      importsStr +=
        '\n\n# Functions from the following migrations need manual copying.\n' +
        '# Move them and any dependencies into this file, then update the\n' +
        '# RunPython operations to refer to the local versions:\n# ' +
        [...migrationImports].sort(strCompare).join('\n# ');
    }
    const replacesStr = this.migration.replaces.length
      ? `\n    replaces = ${serialize(new PyList(this.migration.replaces.map((r) => new PyTuple(r))))[0]}\n`
      : '';
    const header =
      this.options.includeHeader === false
        ? ''
        : `# Generated by Django ${DJANGO_VERSION} on ${migrationTimestamp(this.options.now)}\n\n`;
    const initialStr = this.migration.initial ? '\n    initial = True\n' : '';
    return (
      `${header}${importsStr}\n\nclass Migration(migrations.Migration):\n${replacesStr}${initialStr}\n` +
      `    dependencies = [\n${dependenciesStr}    ]\n\n    operations = [\n${operationsStr}    ]\n`
    );
  }
}
