// The syntax tree the interpreter walks. parse.ts builds it from the Lezer tree once per
// source text; every node carries its 1-based line for tracebacks and diagnostics.

import type { PyValue } from './values';

export type Expr =
  | { k: 'Name'; line: number; id: string }
  | { k: 'Const'; line: number; value: PyValue }
  | { k: 'FString'; line: number; parts: FPart[] }
  | { k: 'Tuple'; line: number; elts: Expr[] }
  | { k: 'List'; line: number; elts: Expr[] }
  | { k: 'Set'; line: number; elts: Expr[] }
  | { k: 'Dict'; line: number; items: DictItem[] }
  | { k: 'Starred'; line: number; value: Expr }
  | { k: 'Attr'; line: number; obj: Expr; name: string }
  | { k: 'Subscript'; line: number; obj: Expr; index: Expr }
  | { k: 'Slice'; line: number; lo: Expr | null; hi: Expr | null; step: Expr | null }
  | { k: 'Call'; line: number; fn: Expr; args: Expr[]; kwargs: KwArg[] }
  | { k: 'BinOp'; line: number; op: string; l: Expr; r: Expr }
  | { k: 'BoolOp'; line: number; op: 'and' | 'or'; l: Expr; r: Expr }
  | { k: 'Not'; line: number; v: Expr }
  | { k: 'Unary'; line: number; op: string; v: Expr }
  | { k: 'Compare'; line: number; first: Expr; ops: string[]; rest: Expr[] }
  | { k: 'IfExp'; line: number; test: Expr; body: Expr; orelse: Expr }
  | { k: 'Lambda'; line: number; params: Param[]; body: Expr; scope: FuncScope }
  | { k: 'Comp'; line: number; kind: 'list' | 'set' | 'gen' | 'dict'; elt: Expr; value: Expr | null; gens: CompFor[] }
  | { k: 'Named'; line: number; target: string; value: Expr }
  | { k: 'Yield'; line: number; value: Expr | null; from: boolean }
  | { k: 'Unsupported'; line: number; what: string };

export type FPart = string | { expr: Expr; conv: string | null; spec: FPart[] | null; selfDoc: string | null };
export type DictItem = { key: Expr; value: Expr } | { spread: Expr };
export type KwArg = { name: string; value: Expr } | { spread: Expr };
export interface CompFor {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
}

export interface Param {
  name: string;
  kind: 'positional' | 'varargs' | 'keyword-only' | 'varkw';
  default: Expr | null;
}

export type Stmt =
  | { k: 'Expr'; line: number; value: Expr }
  | { k: 'Assign'; line: number; targets: Expr[]; value: Expr }
  | { k: 'AugAssign'; line: number; target: Expr; op: string; value: Expr }
  | { k: 'AnnAssign'; line: number; target: Expr; ann: Expr; value: Expr | null }
  | { k: 'Import'; line: number; names: { name: string; asname: string | null }[] }
  | { k: 'ImportFrom'; line: number; level: number; module: string; names: { name: string; asname: string | null }[] | '*' }
  | { k: 'ClassDef'; line: number; name: string; bases: Expr[]; keywords: KwArg[]; body: Stmt[]; decorators: Expr[] }
  | { k: 'FuncDef'; line: number; name: string; params: Param[]; body: Stmt[]; decorators: Expr[]; scope: FuncScope }
  | { k: 'Return'; line: number; value: Expr | null }
  | { k: 'If'; line: number; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: 'For'; line: number; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: 'While'; line: number; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: 'Pass'; line: number }
  | { k: 'Break'; line: number }
  | { k: 'Continue'; line: number }
  | { k: 'Try'; line: number; body: Stmt[]; handlers: Handler[]; orelse: Stmt[]; finalbody: Stmt[] }
  | { k: 'Raise'; line: number; exc: Expr | null; cause: Expr | null }
  | { k: 'With'; line: number; items: { ctx: Expr; target: Expr | null }[]; body: Stmt[] }
  | { k: 'Assert'; line: number; test: Expr; msg: Expr | null }
  | { k: 'Delete'; line: number; targets: Expr[] }
  | { k: 'Global'; line: number; names: string[] }
  | { k: 'Nonlocal'; line: number; names: string[] }
  | { k: 'Unsupported'; line: number; what: string };

export interface Handler {
  line: number;
  type: Expr | null;
  name: string | null;
  body: Stmt[];
}

/** Names a function body binds locally, and whether it is a generator (static analysis). */
export interface FuncScope {
  locals: Set<string>;
  globals: Set<string>;
  nonlocals: Set<string>;
  isGenerator: boolean;
}

export interface Module {
  body: Stmt[];
  filename: string;
}
