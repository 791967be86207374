// Deferred DDL statements whose table, column and index names are resolved only when the
// statement is rendered, so a table rebuild or a rename can adjust them first
// (django.db.backends.ddl_references).

export type QuoteName = (name: string) => string;

export interface Reference {
  referencesTable?(table: string): boolean;
  referencesColumn?(table: string, column: string): boolean;
  referencesIndex?(table: string, index: string): boolean;
  renameTableReferences?(oldTable: string, newTable: string): void;
  renameColumnReferences?(table: string, oldColumn: string, newColumn: string): void;
  toString(): string;
}

export class Table implements Reference {
  constructor(
    public table: string,
    readonly quoteName: QuoteName,
  ) {}
  referencesTable(table: string): boolean {
    return this.table === table;
  }
  referencesIndex(table: string, index: string): boolean {
    return this.referencesTable(table) && String(this) === index;
  }
  renameTableReferences(oldTable: string, newTable: string): void {
    if (this.table === oldTable) this.table = newTable;
  }
  toString(): string {
    return this.quoteName(this.table);
  }
}

export class TableColumns implements Reference {
  constructor(
    public table: string,
    public columns: string[],
  ) {}
  referencesTable(table: string): boolean {
    return this.table === table;
  }
  referencesIndex(table: string, index: string): boolean {
    return this.referencesTable(table) && String(this) === index;
  }
  renameTableReferences(oldTable: string, newTable: string): void {
    if (this.table === oldTable) this.table = newTable;
  }
  referencesColumn(table: string, column: string): boolean {
    return this.table === table && this.columns.includes(column);
  }
  renameColumnReferences(table: string, oldColumn: string, newColumn: string): void {
    if (this.table !== table) return;
    this.columns = this.columns.map((c) => (c === oldColumn ? newColumn : c));
  }
  toString(): string {
    return this.columns.join(', ');
  }
}

export class Columns extends TableColumns {
  constructor(
    table: string,
    columns: string[],
    readonly quoteName: QuoteName,
    readonly colSuffixes: readonly string[] = [],
  ) {
    super(table, [...columns]);
  }
  override toString(): string {
    return this.columns
      .map((c, i) => {
        const col = this.quoteName(c);
        const suffix = this.colSuffixes[i];
        return suffix ? `${col} ${suffix}` : col;
      })
      .join(', ');
  }
}

export type CreateIndexName = (table: string, columns: string[], suffix: string) => string;

export class IndexName extends TableColumns {
  constructor(
    table: string,
    columns: string[],
    readonly suffix: string,
    readonly createIndexName: CreateIndexName,
  ) {
    super(table, [...columns]);
  }
  override toString(): string {
    return this.createIndexName(this.table, this.columns, this.suffix);
  }
}

export class ForeignKeyName extends TableColumns {
  readonly toReference: TableColumns;
  constructor(
    fromTable: string,
    fromColumns: string[],
    toTable: string,
    toColumns: string[],
    readonly suffixTemplate: string,
    readonly createFkName: CreateIndexName,
  ) {
    super(fromTable, [...fromColumns]);
    this.toReference = new TableColumns(toTable, [...toColumns]);
  }
  override referencesTable(table: string): boolean {
    return super.referencesTable(table) || this.toReference.referencesTable(table);
  }
  override referencesColumn(table: string, column: string): boolean {
    return super.referencesColumn(table, column) || this.toReference.referencesColumn(table, column);
  }
  override renameTableReferences(oldTable: string, newTable: string): void {
    super.renameTableReferences(oldTable, newTable);
    this.toReference.renameTableReferences(oldTable, newTable);
  }
  override renameColumnReferences(table: string, oldColumn: string, newColumn: string): void {
    super.renameColumnReferences(table, oldColumn, newColumn);
    this.toReference.renameColumnReferences(table, oldColumn, newColumn);
  }
  override toString(): string {
    const suffix = this.suffixTemplate
      .replace('%(to_table)s', this.toReference.table)
      .replace('%(to_column)s', this.toReference.columns[0]);
    return this.createFkName(this.table, this.columns, suffix);
  }
}

/** Compiled expressions (functional indexes): the columns they use and their SQL. */
export class Expressions extends TableColumns {
  constructor(
    table: string,
    columns: string[],
    readonly render: (columnMap: Map<string, string>) => string,
  ) {
    super(table, [...columns]);
    this.original = [...columns];
  }
  private readonly original: string[];
  override toString(): string {
    const map = new Map<string, string>();
    this.original.forEach((c, i) => map.set(c, this.columns[i]));
    return this.render(map);
  }
}

export type Part = string | Reference;

/** A statement template with named `%(part)s` placeholders. */
export class Statement implements Reference {
  constructor(
    readonly template: string,
    readonly parts: Record<string, Part>,
  ) {}
  private each(): Reference[] {
    return Object.values(this.parts).filter((p): p is Reference => typeof p !== 'string');
  }
  referencesTable(table: string): boolean {
    return this.each().some((p) => p.referencesTable?.(table) ?? false);
  }
  referencesColumn(table: string, column: string): boolean {
    return this.each().some((p) => p.referencesColumn?.(table, column) ?? false);
  }
  referencesIndex(table: string, index: string): boolean {
    return this.each().some((p) => p.referencesIndex?.(table, index) ?? false);
  }
  renameTableReferences(oldTable: string, newTable: string): void {
    for (const p of this.each()) p.renameTableReferences?.(oldTable, newTable);
  }
  renameColumnReferences(table: string, oldColumn: string, newColumn: string): void {
    for (const p of this.each()) p.renameColumnReferences?.(table, oldColumn, newColumn);
  }
  toString(): string {
    return interpolate(this.template, this.parts);
  }
}

/** Python's `template % {name: value}` for `%(name)s` placeholders (and `%%`). */
export function interpolate(template: string, parts: Record<string, unknown>): string {
  const pieces = compiledTemplate(template);
  let out = pieces[0] as string;
  for (let i = 1; i < pieces.length; i += 2) {
    const name = pieces[i] as string;
    const v = parts[name];
    if (v === undefined) throw new Error(`missing SQL template part ${name}`);
    out += String(v) + pieces[i + 1];
  }
  return out;
}

/** A template split once into text, name, text, name, ..., text (the schema editor reuses a few dozen). */
const COMPILED = new Map<string, string[]>();
function compiledTemplate(template: string): string[] {
  let pieces = COMPILED.get(template);
  if (pieces) return pieces;
  pieces = [''];
  const re = /%\((\w+)\)s|%%/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    pieces[pieces.length - 1] += template.slice(last, m.index);
    if (m[0] === '%%') pieces[pieces.length - 1] += '%';
    else pieces.push(m[1], '');
    last = re.lastIndex;
  }
  pieces[pieces.length - 1] += template.slice(last);
  if (COMPILED.size < 500) COMPILED.set(template, pieces);
  return pieces;
}
